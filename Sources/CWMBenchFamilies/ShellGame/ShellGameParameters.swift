import CWMBenchCore
import CWMBenchFormats

/// The parameters of a shell-game cell (`perm`, `pfsa`): a group, its actions and how the
/// arrangement is revealed.
public struct ShellGameParameters: FamilyParameters, Hashable {
  /// Which of the two shell-game families.
  public var variant: ShellGameFamily.Variant
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
    _ variant: ShellGameFamily.Variant, group: Group, length: Int, spacing: Spacing,
    actions: ActionKind? = nil, reveal: RevealKind = .one, maxValue: Int? = nil,
    hidden: Double = 0, choices: Int = 2, render: RenderKind = .repl
  ) {
    self.variant = variant
    self.group = group
    self.length = length
    self.spacing = spacing
    self.actions = actions ?? group.defaultActions
    self.reveal = reveal
    self.maxValue = maxValue ?? max(9, group.n)
    self.hidden = variant == .perm ? 0 : hidden
    self.choices = choices
    self.render = render
  }

  /// The number of variables: the group's size.
  public var n: Int { group.n }
  /// The number of variables a reveal may name.
  public var variableCount: Int { group.n }
  /// Whether actions may be hidden (`pfsa`).
  public var isPFSA: Bool { variant == .pfsa }

  /// The largest `n` the exact Bayes filter supports for this reveal kind.
  public static func maximumPFSASize(for reveal: RevealKind) -> Int { reveal == .all ? 6 : 8 }

  /// The largest `n` for which `reveal: all` lists candidates (n! arrangements).
  public static let maximumAllCandidatesSize = 6

  /// The cell's key, e.g. `perm/S5/swap/one/T64/k8` (defaults left out).
  public var key: String {
    var parts = [variant.rawValue, group.name, actions.rawValue, reveal.rawValue]
    if isPFSA {
      parts.append("h" + formatNumber(hidden))
      parts.append("c" + String(choices))
    }
    if maxValue != max(9, n) { parts.append("m" + String(maxValue)) }
    if render != .repl { parts.append(render.rawValue) }
    parts.append("T" + String(length))
    parts.append("k" + spacing.description)
    return parts.joined(separator: "/")
  }

  /// Checks the group, actions, values and (for `pfsa`) the hidden actions' limits.
  public func validate() throws(GenerationError) {
    typealias Key = ShellGameFamily.Key
    guard group.admits(actions) else {
      throw .actionsNotInGroup(actions: actions.rawValue, group: group.name)
    }
    guard maxValue >= n else {
      throw .invalidParameter(name: Key.maxValue.rawValue, value: String(maxValue), expected: "an integer ≥ n (\(n))")
    }
    guard maxValue <= 1_000_000_000 else {
      throw .invalidParameter(name: Key.maxValue.rawValue, value: String(maxValue), expected: "at most 1000000000")
    }
    guard isPFSA else { return }
    guard hidden >= 0, hidden <= 1 else {
      throw .invalidParameter(
        name: Key.hidden.rawValue, value: formatNumber(hidden), expected: "a probability from 0 to 1")
    }
    guard let range = group.choicesRange(for: actions), range.contains(choices) else {
      let allowed = group.choicesRange(for: actions).map { "\($0.lowerBound)…\($0.upperBound)" } ?? "none"
      throw .invalidParameter(
        name: Key.choices.rawValue, value: String(choices),
        expected: "\(allowed) for '\(actions.rawValue)' actions in '\(group.name)'")
    }
    let limit = Self.maximumPFSASize(for: reveal)
    guard n <= limit else {
      throw .invalidParameter(
        name: Key.group.rawValue, value: group.name,
        expected: "n ≤ \(limit) for pfsa with reveal '\(reveal.rawValue)' (exact Bayes filtering over n! states)")
    }
  }

  /// Appends the `params` object, keys sorted.
  public func write(to writer: inout JSONWriter) {
    typealias Key = ShellGameFamily.Key
    writer.writeKey(Key.actions, first: true)
    writer.writeString(actions.rawValue)
    writer.writeKey(Key.choices)
    writer.writeInt(choices)
    writer.writeKey(Key.group)
    writer.writeString(group.name)
    writer.writeKey(Key.hidden)
    writer.writeNumber(hidden)
    writer.writeKey(CommonParameter.length)
    writer.writeInt(length)
    writer.writeKey(Key.maxValue)
    writer.writeInt(maxValue)
    writer.writeKey(Key.n)
    writer.writeInt(n)
    writer.writeKey(CommonParameter.render)
    writer.writeString(render.rawValue)
    writer.writeKey(Key.reveal)
    writer.writeString(reveal.rawValue)
    writer.writeSpacing(spacing)
    writer.writeRaw("}")
  }

  /// `group`, `n`, `actions`, `reveal`, `hidden`, `max_value`, and `choices` for `pfsa`.
  public var reportValues: [String: String] {
    typealias Key = ShellGameFamily.Key
    var values = [
      Key.group.rawValue: group.name, Key.n.rawValue: String(n), Key.actions.rawValue: actions.rawValue,
      Key.reveal.rawValue: reveal.rawValue, Key.hidden.rawValue: formatNumber(hidden),
      Key.maxValue.rawValue: String(maxValue),
    ]
    if isPFSA { values[Key.choices.rawValue] = String(choices) }
    return values
  }

  /// Group (letters, then size), actions, reveal, hidden, choices, values, rendering.
  public var sortKey: [SortComponent] {
    [
      .text(group.kind.rawValue), .number(Double(n)), .text(actions.rawValue), .text(reveal.rawValue),
      .number(hidden), .number(Double(isPFSA ? choices : 0)), .number(Double(maxValue)), .text(render.rawValue),
    ]
  }

  /// `perm · S5 swap · reveal=one`, with `hidden`, and anything off its default, after.
  public var setting: String {
    var parts = [variant.rawValue, group.name + " " + actions.rawValue, "reveal=" + reveal.rawValue]
    if isPFSA { parts.append("hidden=" + formatNumber(hidden)) }
    if isPFSA && choices != 2 { parts.append("choices=" + String(choices)) }
    if maxValue != max(9, n) { parts.append("max_value=" + String(maxValue)) }
    if render != .repl { parts.append("render=" + render.rawValue) }
    return parts.joined(separator: " · ")
  }
}

extension CellParameters {
  /// A `perm` or `pfsa` cell; everything not given takes the contract's default.
  public init(
    family variant: ShellGameFamily.Variant, group: Group, length: Int, spacing: Spacing,
    actions: ActionKind? = nil, reveal: RevealKind = .one, maxValue: Int? = nil,
    hidden: Double = 0, choices: Int = 2, render: RenderKind = .repl
  ) {
    self.init(
      family: variant == .perm ? ShellGameFamily.perm : ShellGameFamily.pfsa,
      parameters: ShellGameParameters(
        variant, group: group, length: length, spacing: spacing, actions: actions, reveal: reveal,
        maxValue: maxValue, hidden: hidden, choices: choices, render: render))
  }

  /// The shell game's parameters of a cell of `perm` or `pfsa` (a programming error otherwise).
  public var shellGame: ShellGameParameters {
    guard let game = parameters(as: ShellGameParameters.self) else {
      preconditionFailure("cell '\(key)' is not a shell-game cell")
    }
    return game
  }
}
