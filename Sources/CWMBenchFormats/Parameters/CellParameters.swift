import CWMBenchCore

/// The parameters of one grid cell (SPEC §1): everything that decides how its examples are drawn.
public struct CellParameters: Sendable, Hashable {
  /// The task family.
  public var family: Family
  /// The group the observed actions come from.
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
  }

  /// The number of variables.
  public var n: Int { group.n }

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
