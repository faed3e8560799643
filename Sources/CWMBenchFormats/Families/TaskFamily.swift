import CWMBenchCore

/// A task family as a plug-in: everything cwmbench needs to know about one kind of tracking task.
///
/// A family owns its parameters (decoded by one decoder from a task line, a suite spec or the
/// command line), its generator, the no-tracking baseline's guess, what `list`, `show` and the
/// report print about it, and its report columns. Generate, Eval, Report and the CLI ask a
/// `FamilyRegistry` for families and call these requirements; none of them switches on a family.
/// docs/adding-a-family.md walks through writing one.
public protocol TaskFamily: Sendable {
  /// The family's name in task lines, specs, ids and `summary.csv` (`perm`).
  var name: String { get }
  /// One line for `cwmbench list` and help.
  var summary: String { get }
  /// The keys of a task line's `params` object for this family.
  var parameterKeys: [String] { get }
  /// The parameters a suite spec's grid or the command line may set, in the order a grid
  /// crosses them (the last fastest); `length` and `spacing` last.
  var gridKeys: [String] { get }
  /// Decodes the family's parameters: the one decoder behind task lines, suite specs and flags.
  func parameters(from source: ParameterSource) throws(TaskFileError) -> any FamilyParameters
  /// What `initial` and each query's `values` hold in this family's task lines.
  var valueKind: RevealedValueKind { get }
  /// Whether queries carry exact Bayes posteriors (`probs`), scored as excess NLL.
  var hasPosteriors: Bool { get }
  /// The report columns this family fills, in `summary.csv` order (docs/summary-csv.md).
  var reportColumns: [String] { get }
  /// One line of help for each grid key that is the family's own, for `generate --help`.
  var parameterHelp: [String: String] { get }

  /// How many answers a uniform guess chooses between at a query that lists no candidates; nil
  /// for free-form answers, whose chance accuracy is 0.
  func answerCount(of params: CellParameters) -> Double?
  /// The accuracy of a uniform guess on a cell's queries (0 for free-form answers).
  func chance(of params: CellParameters) -> Double
  /// Why a query may list no candidates, for the error of a mode that needs them.
  func missingCandidatesReason(_ params: CellParameters) -> String
  /// The `last-reveal` baseline's answer to every query: nothing changed since it was last
  /// shown. Nil when the task line does not record the structure it needs.
  func lastRevealGuesses(for example: TaskExample) -> [String]?

  /// Starts generating `cells` (all of this family): tracers and other shared resources.
  func startGeneration(for cells: [CellParameters]) throws -> any GenerationSession

  /// The labels of `show`'s header around the common `length … spacing … render` fields.
  func showHeader(of example: TaskExample) -> (leading: [ShowField], trailing: [ShowField])
  /// Extra sections of `cwmbench list` (the shell game's groups and actions).
  var listSections: [ListSection] { get }
  /// The report step-through's labels for an example; nil when its task line lacks the structure.
  func stepThrough(of example: TaskExample) -> StepThrough?
  /// The true state after every action, replayed from the example's seed; nil when the family
  /// cannot replay or the replay does not reproduce the task line exactly.
  func replayedStates(of example: TaskExample, suiteSeed: UInt64, split: Split) -> [[String]]?
  /// The chat instruction put before a trace of `params`' cell (`eval --chat`): what to output
  /// and in which form. `eval --instruction` replaces it.
  func instruction(for params: CellParameters) -> String
}

/// What a task line's `initial` and each query's `values` hold.
public enum RevealedValueKind: Sendable, Hashable {
  /// Integers (the shell game).
  case integers
  /// Strings (`strings`).
  case strings
}

/// One `label value` pair of `cwmbench show`'s header.
public typealias ShowField = (label: String, value: String)

/// A titled list of `name — description` entries for `cwmbench list`.
public struct ListSection: Sendable {
  /// The section's title.
  public var title: String
  /// Its entries.
  public var entries: [(name: String, text: String)]

  /// Creates a section.
  public init(title: String, entries: [(name: String, text: String)]) {
    self.title = title
    self.entries = entries
  }
}

/// The family-specific labels of one example's step-through (the page adds lines, the model's
/// answers and the Bayes belief).
public struct StepThrough: Sendable {
  /// The first stop's label: the state before the first action.
  public var start: String
  /// The names shown with replayed states after each action (`a`, `b`, …).
  public var variableNames: [String]
  /// One label per query: what the reveal shows.
  public var reveals: [String]
  /// The 0-based index of the text line of each action (`length` entries), computed by the family
  /// from its own rendering; empty when the family has no actions to step through or cannot tell.
  public var actionLines: [Int]
  /// One entry per query, each the locals its frame shows (`programs`); empty for families
  /// without frames.
  public var locals: [[StepLocal]]

  /// Creates step-through labels.
  public init(
    start: String, variableNames: [String], reveals: [String], actionLines: [Int] = [], locals: [[StepLocal]] = []
  ) {
    self.start = start
    self.variableNames = variableNames
    self.reveals = reveals
    self.actionLines = actionLines
    self.locals = locals
  }
}

extension TaskFamily {
  /// No posteriors unless a family says so.
  public var hasPosteriors: Bool { false }
  /// Free-form unless a family lists candidates or counts them.
  public func answerCount(of params: CellParameters) -> Double? { nil }
  /// One over the answer count; 0 for free-form answers.
  public func chance(of params: CellParameters) -> Double { answerCount(of: params).map { 1 / $0 } ?? 0 }
  /// Free-form answers have no candidates.
  public func missingCandidatesReason(_ params: CellParameters) -> String {
    "the answers of family '\(name)' are free-form"
  }
  /// No help beyond the key's name.
  public var parameterHelp: [String: String] { [:] }
  /// No extra `list` sections.
  public var listSections: [ListSection] { [] }
  /// Nothing to replay.
  public func replayedStates(of example: TaskExample, suiteSeed: UInt64, split: Split) -> [[String]]? { nil }
  /// What to output, by the trace's format alone.
  public func instruction(for params: CellParameters) -> String { params.render.defaultInstruction }
  /// No header fields beyond the common ones.
  public func showHeader(of example: TaskExample) -> (leading: [ShowField], trailing: [ShowField]) { ([], []) }
}
