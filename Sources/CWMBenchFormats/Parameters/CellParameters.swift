import CWMBenchCore

/// The parameters of one grid cell (SPEC §1): everything that decides how its examples are drawn.
///
/// `family`, `length`, `spacing` and `render` belong to every family. The shell-game parameters
/// (`group` … `choices`) belong to `perm` and `pfsa`, `width`, `variables` and `edits` to
/// `strings`, `program` to `programs`; a family's task lines write only its own, and the others
/// keep their defaults (docs/task-file.md).
public struct CellParameters: Sendable, Hashable {
  /// The task family.
  public var family: Family
  /// The group the observed actions come from (`perm`, `pfsa`).
  public var group: Group
  /// The number of actions `T` in the trace.
  public var length: Int
  /// How often the state is revealed.
  public var spacing: Spacing
  /// How actions are drawn and written.
  public var actions: ActionKind
  /// How much each reveal shows.
  public var reveal: RevealKind
  /// Initial values are drawn from 1…maxValue.
  public var maxValue: Int
  /// Probability that an action is hidden (`pfsa` only; 0 for `perm`).
  public var hidden: Double
  /// How many arrangements a hidden action chooses between.
  public var choices: Int
  /// How the trace is written as text.
  public var render: RenderKind
  /// The letters of each initial word (`strings`).
  public var width: Int
  /// The number of string variables (`strings`).
  public var variables: Int
  /// The edit kinds drawn from (`strings`).
  public var edits: EditSelection
  /// The program every example traces, or `all` to go round the corpus (`programs`).
  public var program: String

  /// The default `width` of `strings`.
  public static let defaultWidth = 6
  /// The word lengths the shipped word list has.
  public static let wordWidths = 4...12
  /// The default `variables` of `strings`.
  public static let defaultVariables = 2
  /// The `program` that goes round the whole corpus.
  public static let allPrograms = "all"
  /// The `length` of a `programs` cell that names none: enough lines for a few loops.
  public static let defaultProgramLength = 64
  /// The longest `programs` trace, in line events (the tracer's limit).
  public static let maximumProgramLength = 20_000

  /// Parameters of a `strings` cell.
  public static func strings(
    length: Int, spacing: Spacing, width: Int = defaultWidth, variables: Int = defaultVariables,
    edits: EditSelection = .mixed, render: RenderKind = .repl
  ) -> CellParameters {
    var params = CellParameters(family: .strings, group: .unused, length: length, spacing: spacing, render: render)
    params.width = width
    params.variables = variables
    params.edits = edits
    return params
  }

  /// Parameters of a `programs` cell.
  public static func programs(
    length: Int, spacing: Spacing, program: String = allPrograms, render: RenderKind = .cwm
  ) -> CellParameters {
    var params = CellParameters(family: .programs, group: .unused, length: length, spacing: spacing, render: render)
    params.program = program
    return params
  }

  /// Creates parameters with the contract's defaults for everything not given.
  public init(
    family: Family, group: Group, length: Int, spacing: Spacing,
    actions: ActionKind? = nil, reveal: RevealKind = .one, maxValue: Int? = nil,
    hidden: Double = 0, choices: Int = 2, render: RenderKind = .repl
  ) {
    self.family = family
    self.group = group
    self.length = length
    self.spacing = spacing
    self.actions = actions ?? group.defaultActions
    self.reveal = reveal
    self.maxValue = maxValue ?? max(9, group.n)
    self.hidden = family == .perm ? 0 : hidden
    self.choices = choices
    self.render = render
    self.width = Self.defaultWidth
    self.variables = Self.defaultVariables
    self.edits = .mixed
    self.program = Self.allPrograms
  }

  /// The number of variables: the group's size, the string variables, 0 for `programs`.
  public var n: Int {
    switch family {
    case .perm, .pfsa: return group.n
    case .strings: return variables
    case .programs: return 0
    }
  }

  /// The largest `n` the exact Bayes filter supports for this reveal kind.
  public static func maximumPFSASize(for reveal: RevealKind) -> Int { reveal == .all ? 6 : 8 }

  /// The largest `n` for which `reveal: all` lists candidates (n! arrangements).
  public static let maximumAllCandidatesSize = 6

  /// The longest trace: checked before anything is allocated for one.
  public static let maximumLength = 100_000

  /// Checks every constraint of SPEC §1 and throws one naming the first offending parameter.
  public func validate() throws(GenerationError) {
    guard length >= 1, length <= Self.maximumLength else {
      throw .invalidParameter(
        name: Key.length.rawValue, value: String(length), expected: "an integer from 1 to \(Self.maximumLength)")
    }
    if case .every(let k) = spacing, k < 1 {
      throw .invalidParameter(name: "spacing", value: String(k), expected: "an integer ≥ 1 or \"final\"")
    }
    switch family {
    case .perm, .pfsa: try validateShellGame()
    case .strings: try validateStrings()
    case .programs: try validatePrograms()
    }
  }

  private func validateStrings() throws(GenerationError) {
    guard Self.wordWidths.contains(width) else {
      throw .invalidParameter(
        name: Key.width.rawValue, value: String(width),
        expected:
          "an integer from \(Self.wordWidths.lowerBound) to \(Self.wordWidths.upperBound) (the word list's lengths)")
    }
    guard variables >= 1, variables <= Group.maximumSize else {
      throw .invalidParameter(
        name: Key.variables.rawValue, value: String(variables),
        expected: "an integer from 1 to \(Group.maximumSize) (one letter each)")
    }
    if variables < 2, let kind = edits.named.first(where: \.needsTwoVariables) {
      throw .invalidParameter(
        name: Key.edits.rawValue, value: edits.description,
        expected: "no '\(kind.rawValue)' with one variable ('\(kind.rawValue)' moves text between two)")
    }
  }

  private func validatePrograms() throws(GenerationError) {
    guard length <= Self.maximumProgramLength else {
      throw .invalidParameter(
        name: Key.length.rawValue, value: String(length),
        expected: "an integer from 1 to \(Self.maximumProgramLength) for programs (line events)")
    }
    guard render == .cwm else {
      throw .invalidParameter(
        name: Key.render.rawValue, value: render.rawValue,
        expected: "'cwm' for programs (their traces are written in Code World Model's format only)")
    }
    let allowed = program.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    guard !program.isEmpty, program.count <= 64, allowed else {
      throw .invalidParameter(
        name: Key.program.rawValue, value: program,
        expected: "'\(Self.allPrograms)' or a program name (lowercase letters, digits and '_')")
    }
  }

  private func validateShellGame() throws(GenerationError) {
    guard group.admits(actions) else {
      throw .actionsNotInGroup(actions: actions, group: group.name)
    }
    guard maxValue >= n else {
      throw .invalidParameter(name: "max_value", value: String(maxValue), expected: "an integer ≥ n (\(n))")
    }
    guard maxValue <= 1_000_000_000 else {
      throw .invalidParameter(name: "max_value", value: String(maxValue), expected: "at most 1000000000")
    }
    guard family == .pfsa else { return }
    guard hidden >= 0, hidden <= 1 else {
      throw .invalidParameter(name: "hidden", value: formatNumber(hidden), expected: "a probability from 0 to 1")
    }
    guard let range = group.choicesRange(for: actions), range.contains(choices) else {
      let allowed = group.choicesRange(for: actions).map { "\($0.lowerBound)…\($0.upperBound)" } ?? "none"
      throw .invalidParameter(
        name: "choices", value: String(choices),
        expected: "\(allowed) for '\(actions.rawValue)' actions in '\(group.name)'")
    }
    let limit = CellParameters.maximumPFSASize(for: reveal)
    guard n <= limit else {
      throw .invalidParameter(
        name: "group", value: group.name,
        expected: "n ≤ \(limit) for pfsa with reveal '\(reveal.rawValue)' (exact Bayes filtering over n! states)")
    }
  }

  /// The cell's key: the example id without its index, e.g. `perm/S5/swap/one/T64/k8`.
  ///
  /// Parameters at their defaults are left out so ids stay short; any that differ are
  /// spelled out, so two cells of one suite never share a key.
  public var key: String {
    switch family {
    case .perm, .pfsa: return shellGameKey
    case .strings:
      var parts = [family.rawValue, "w" + String(width), "v" + String(variables), edits.description]
      if render != .repl { parts.append(render.rawValue) }
      parts += ["T" + String(length), "k" + spacing.description]
      return parts.joined(separator: "/")
    case .programs:
      return [family.rawValue, program, "T" + String(length), "k" + spacing.description].joined(separator: "/")
    }
  }

  private var shellGameKey: String {
    var parts = [family.rawValue, group.name, actions.rawValue, reveal.rawValue]
    if family == .pfsa {
      parts.append("h" + formatNumber(hidden))
      parts.append("c" + String(choices))
    }
    if maxValue != max(9, n) { parts.append("m" + String(maxValue)) }
    if render != .repl { parts.append(render.rawValue) }
    parts.append("T" + String(length))
    parts.append("k" + spacing.description)
    return parts.joined(separator: "/")
  }
}
