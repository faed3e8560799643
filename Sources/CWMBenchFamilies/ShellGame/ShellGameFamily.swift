import CWMBenchCore
import CWMBenchFormats

/// The shell game as code (`perm`, `pfsa`): variables hold integers, statements permute them,
/// `print` reveals one or all; in `pfsa` some moves are hidden `random.choice` calls.
public struct ShellGameFamily: TaskFamily {
  /// Which shell game.
  public enum Variant: String, Sendable, Hashable, CaseIterable {
    /// Every action is observed; a perfect tracker answers every query.
    case perm
    /// Some actions are hidden `random.choice` calls; the best answer is a Bayes posterior.
    case pfsa
  }

  /// The keys of the shell game's own parameters (the common ones are `CommonParameter`).
  public enum Key: String, Sendable, CaseIterable {
    case actions, choices, group, hidden
    case maxValue = "max_value"
    case n, reveal
  }

  /// Which shell game this is.
  public let variant: Variant

  /// `perm`: permutation tracking.
  public static let perm = ShellGameFamily(variant: .perm)
  /// `pfsa`: PFSA-SR, belief tracking.
  public static let pfsa = ShellGameFamily(variant: .pfsa)

  public var name: String { variant.rawValue }

  public var summary: String {
    switch variant {
    case .perm: return "permutation tracking: every action is observed"
    case .pfsa:
      let one = ShellGameParameters.maximumPFSASize(for: .one)
      let all = ShellGameParameters.maximumPFSASize(for: .all)
      return
        "PFSA-SR: actions hidden with probability 'hidden' as random.choice; n ≤ \(one) (n ≤ \(all) with reveal all)"
    }
  }

  public var parameterKeys: [String] {
    ([Key.actions, .choices, .group, .hidden, .maxValue, .n, .reveal].map(\.rawValue)
      + CommonParameter.allCases.map(\.rawValue)).sorted()
  }

  public var gridKeys: [String] {
    [Key.group.rawValue, Key.actions.rawValue, Key.reveal.rawValue, CommonParameter.render.rawValue]
      + [Key.maxValue, .hidden, .choices].map(\.rawValue)
      + [CommonParameter.length, .spacing].map(\.rawValue)
  }

  public func parameters(from source: ParameterSource) throws(TaskFileError) -> any FamilyParameters {
    let group = try source.required(Key.group.rawValue) { key throws(TaskFileError) in
      try source.parsed(key) { text throws(GenerationError) in try Group(parsing: text) }
    }
    let hidden = try source.number(Key.hidden.rawValue, in: 0...1, expected: "a probability from 0 to 1") ?? 0
    return ShellGameParameters(
      variant, group: group, length: try source.length(), spacing: try source.spacing(),
      actions: try source.choice(Key.actions.rawValue, ActionKind.self),
      reveal: try source.choice(Key.reveal.rawValue, RevealKind.self) ?? .one,
      maxValue: try source.integer(Key.maxValue.rawValue, minimum: 1),
      hidden: hidden,
      choices: try source.integer(Key.choices.rawValue, minimum: 0) ?? 2,
      render: try source.render(default: .repl))
  }

  public var parameterHelp: [String: String] {
    [
      Key.group.rawValue: "Groups, e.g. S3,S5,A5,Z7.",
      Key.actions.rawValue: "Action kinds: " + ActionKind.allCases.map(\.rawValue).joined(separator: ", ") + ".",
      Key.reveal.rawValue: "Reveal kinds: " + RevealKind.allCases.map(\.rawValue).joined(separator: ", ") + ".",
      Key.maxValue.rawValue: "Largest initial value; defaults to max(9, n).",
      Key.hidden.rawValue: "Probabilities that an action is hidden (pfsa).",
      Key.choices.rawValue: "Arrangements a hidden action chooses between (pfsa).",
    ]
  }

  public var valueKind: RevealedValueKind { .integers }
  public var hasPosteriors: Bool { variant == .pfsa }

  public var reportColumns: [String] {
    [Key.group, .n, .actions, .reveal, .hidden, .choices, .maxValue].map(\.rawValue)
  }

  /// n! arrangements when a reveal of every variable lists no candidates.
  public func answerCount(of params: CellParameters) -> Double? { factorial(params.n) }

  /// 1/n for one variable, 1/n! for the whole arrangement.
  public func chance(of params: CellParameters) -> Double {
    guard let game = params.parameters(as: ShellGameParameters.self) else { return 0 }
    switch game.reveal {
    case .one: return 1 / Double(game.n)
    case .all: return 1 / factorial(game.n)
    }
  }

  public func missingCandidatesReason(_ params: CellParameters) -> String {
    "reveal all with n > \(ShellGameParameters.maximumAllCandidatesSize)"
  }

  public func startGeneration(for cells: [CellParameters]) throws -> any GenerationSession {
    StatelessGenerationSession { cell in ExampleFactory(params: cell) }
  }

  public func showHeader(of example: TaskExample) -> (leading: [ShowField], trailing: [ShowField]) {
    guard let game = example.params.parameters(as: ShellGameParameters.self) else { return ([], []) }
    let leading: [ShowField] = [
      ("group", game.group.name), ("actions", game.actions.rawValue), ("reveal", game.reveal.rawValue),
    ]
    guard game.isPFSA else { return (leading, []) }
    return (leading, [("hidden", formatNumber(game.hidden)), ("choices", String(game.choices))])
  }
}
