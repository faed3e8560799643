import CWMBenchCore
import CWMBenchFormats

/// The grid cell a `summary.csv` row describes: exactly the cell columns of the CSV.
///
/// The columns are the shell game's (`group`, `n`, `actions`, `reveal`, `hidden`); the other
/// families fill them with their own parameters (docs/summary-csv.md): `strings` writes
/// `w<width>`, the variables, the edits and `one`; `programs` the program (`all` or its name),
/// 0, `lines` and `locals`. Cells that differ only in parameters the CSV does not show
/// (`max_value`, `choices`, `render`) are pooled into one row.
public struct ReportCell: Sendable, Hashable, Comparable {
  /// The task family.
  public var family: Family
  /// The group (`S5`), `w<width>` for strings, the program for programs.
  public var group: String
  /// The number of variables (0 for programs).
  public var n: Int
  /// The action kind, the strings edits, `lines` for programs.
  public var actions: String
  /// `one` or `all`; `locals` for programs.
  public var reveal: String
  /// Probability of a hidden action (0 but for `pfsa`).
  public var hidden: Double
  /// Number of actions (edits, target line events).
  public var length: Int
  /// Reveal spacing.
  public var spacing: Spacing
  /// The chance accuracy of one query: 1/n or 1/n! in the shell game, 0 for free-form answers.
  public var chance: Double

  /// Creates a cell from its columns.
  public init(
    family: Family, group: String, n: Int, actions: String, reveal: String, hidden: Double,
    length: Int, spacing: Spacing, chance: Double
  ) {
    self.family = family
    self.group = group
    self.n = n
    self.actions = actions
    self.reveal = reveal
    self.hidden = hidden
    self.length = length
    self.spacing = spacing
    self.chance = chance
  }

  /// The report cell of an example's parameters.
  public init(_ params: CellParameters) {
    switch params.family {
    case .perm, .pfsa:
      self.init(
        family: params.family, group: params.group.name, n: params.n, actions: params.actions.rawValue,
        reveal: params.reveal.rawValue, hidden: params.hidden, length: params.length, spacing: params.spacing,
        chance: ReportStatistics.chance(n: params.n, reveal: params.reveal))
    case .strings:
      self.init(
        family: .strings, group: "w" + String(params.width), n: params.variables, actions: params.edits.description,
        reveal: RevealKind.one.rawValue, hidden: 0, length: params.length, spacing: params.spacing, chance: 0)
    case .programs:
      self.init(
        family: .programs, group: params.program, n: 0, actions: "lines", reveal: "locals", hidden: 0,
        length: params.length, spacing: params.spacing, chance: 0)
    }
  }

  /// A stable text key, used to seed the bootstrap: `perm/S5/swap/one/h0/T64/k8`.
  public var key: String {
    [
      family.rawValue, group, actions, reveal, "h" + formatNumber(hidden),
      "T" + String(length), "k" + spacing.description,
    ].joined(separator: "/")
  }

  /// The cell with length and spacing left out: what one small-multiple panel shares.
  public var setting: String {
    var parts: [String]
    switch family {
    case .perm, .pfsa: parts = [family.rawValue, group + " " + actions, "reveal=" + reveal]
    case .strings:
      parts = [family.rawValue, "width=" + group.dropFirst(), "variables=" + String(n), "edits=" + actions]
    case .programs: parts = [family.rawValue, "program=" + group]
    }
    if family == .pfsa { parts.append("hidden=" + formatNumber(hidden)) }
    return parts.joined(separator: " · ")
  }

  /// The group's letters and its number: `S` and 5 for `S5`, `w` and 12 for `w12`.
  private var groupParts: (letters: Substring, number: Int) {
    let letters = group.prefix { !$0.isNumber }
    return (letters, Int(group.dropFirst(letters.count)) ?? 0)
  }

  /// The CSV sort order: family, group (letters, then number), n, actions, reveal, hidden, length, spacing.
  public static func < (lhs: ReportCell, rhs: ReportCell) -> Bool {
    if lhs.family != rhs.family { return lhs.family.rawValue < rhs.family.rawValue }
    let (left, right) = (lhs.groupParts, rhs.groupParts)
    if left.letters != right.letters { return left.letters < right.letters }
    if left.number != right.number { return left.number < right.number }
    if lhs.n != rhs.n { return lhs.n < rhs.n }
    if lhs.actions != rhs.actions { return lhs.actions < rhs.actions }
    if lhs.reveal != rhs.reveal { return lhs.reveal < rhs.reveal }
    if lhs.hidden != rhs.hidden { return lhs.hidden < rhs.hidden }
    if lhs.length != rhs.length { return lhs.length < rhs.length }
    return lhs.spacing < rhs.spacing
  }
}
