import CWMBenchCore
import CWMBenchFormats

/// The grid cell a `summary.csv` row describes: exactly the cell columns of the CSV.
///
/// Cells that differ only in parameters the CSV does not show (`max_value`, `choices`,
/// `render`) are pooled into one row.
public struct ReportCell: Sendable, Hashable, Comparable {
  /// The task family.
  public var family: Family
  /// The group.
  public var group: Group
  /// How actions are drawn.
  public var actions: ActionKind
  /// How much each reveal shows.
  public var reveal: RevealKind
  /// Probability of a hidden action (0 for `perm`).
  public var hidden: Double
  /// Number of actions.
  public var length: Int
  /// Reveal spacing.
  public var spacing: Spacing

  /// Creates a cell.
  public init(
    family: Family, group: Group, actions: ActionKind, reveal: RevealKind, hidden: Double,
    length: Int, spacing: Spacing
  ) {
    self.family = family
    self.group = group
    self.actions = actions
    self.reveal = reveal
    self.hidden = hidden
    self.length = length
    self.spacing = spacing
  }

  /// The report cell of an example's parameters.
  public init(_ params: CellParameters) {
    self.init(
      family: params.family, group: params.group, actions: params.actions, reveal: params.reveal,
      hidden: params.hidden, length: params.length, spacing: params.spacing)
  }

  /// The number of variables.
  public var n: Int { group.n }

  /// The chance accuracy of one query in this cell.
  public var chance: Double { ReportStatistics.chance(n: n, reveal: reveal) }

  /// A stable text key, used to seed the bootstrap: `perm/S5/swap/one/h0/T64/k8`.
  public var key: String {
    [
      family.rawValue, group.name, actions.rawValue, reveal.rawValue, "h" + formatNumber(hidden),
      "T" + String(length), "k" + spacing.description,
    ].joined(separator: "/")
  }

  /// The cell with length and spacing left out: what one small-multiple panel shares.
  public var setting: String {
    var parts = [family.rawValue, group.name + " " + actions.rawValue, "reveal=" + reveal.rawValue]
    if family == .pfsa { parts.append("hidden=" + formatNumber(hidden)) }
    return parts.joined(separator: " · ")
  }

  /// The CSV sort order: family, group (kind, then n), actions, reveal, hidden, length, spacing.
  public static func < (lhs: ReportCell, rhs: ReportCell) -> Bool {
    if lhs.family != rhs.family { return lhs.family.rawValue < rhs.family.rawValue }
    if lhs.group.kind != rhs.group.kind { return lhs.group.kind.rawValue < rhs.group.kind.rawValue }
    if lhs.group.n != rhs.group.n { return lhs.group.n < rhs.group.n }
    if lhs.actions != rhs.actions { return lhs.actions.rawValue < rhs.actions.rawValue }
    if lhs.reveal != rhs.reveal { return lhs.reveal.rawValue < rhs.reveal.rawValue }
    if lhs.hidden != rhs.hidden { return lhs.hidden < rhs.hidden }
    if lhs.length != rhs.length { return lhs.length < rhs.length }
    return lhs.spacing < rhs.spacing
  }
}
