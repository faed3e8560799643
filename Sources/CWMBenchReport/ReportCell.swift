import CWMBenchCore
import CWMBenchFormats

/// The grid cell a `summary.csv` row describes: exactly one cell of a task file.
///
/// Two cells are the same when their families and keys are (the key spells out every parameter
/// that is not at its default), so cells that differ in any parameter, `render` and `choices`
/// included, are never pooled. The columns are the family's own (`TaskFamily.reportColumns`);
/// docs/summary-csv.md lists them.
public struct ReportCell: Sendable, Hashable, Comparable {
  /// The task cell.
  public let params: CellParameters
  /// The family's report columns and their values.
  public let columns: [String: String]
  /// What one plot panel shares (everything but length and spacing).
  public let setting: String
  /// The chance accuracy of one query: 1/n or 1/n! in the shell game, 0 for free-form answers.
  public let chance: Double
  /// The family's name (kept: the report asks it for every result line).
  public let familyName: String
  /// Whether the cell's queries carry Bayes posteriors (`pfsa`; kept, as `familyName`).
  public let hasPosteriors: Bool
  private let sortKey: [SortComponent]

  /// The report cell of an example's parameters.
  public init(_ params: CellParameters) {
    self.params = params
    self.columns = params.parameters.reportValues
    self.setting = params.parameters.setting
    self.chance = params.family.chance(of: params)
    self.sortKey = params.parameters.sortKey
    self.familyName = params.family.name
    self.hasPosteriors = params.family.hasPosteriors
  }

  /// The task family.
  public var family: any TaskFamily { params.family }
  /// Number of actions (edits, target line events).
  public var length: Int { params.length }
  /// Reveal spacing.
  public var spacing: Spacing { params.spacing }
  /// How the trace is written.
  public var render: RenderKind { params.render }

  /// A stable text key, used to seed the bootstrap: the task cell's key.
  public var key: String { params.key }

  public static func == (lhs: ReportCell, rhs: ReportCell) -> Bool { lhs.params == rhs.params }

  public func hash(into hasher: inout Hasher) { hasher.combine(params) }

  /// The CSV order: family, the family's own order of its parameters, length, spacing.
  public static func < (lhs: ReportCell, rhs: ReportCell) -> Bool {
    if lhs.familyName != rhs.familyName { return lhs.familyName.utf8.lexicographicallyPrecedes(rhs.familyName.utf8) }
    if lhs.sortKey != rhs.sortKey { return lhs.sortKey.lexicographicallyPrecedes(rhs.sortKey) }
    if lhs.length != rhs.length { return lhs.length < rhs.length }
    if lhs.spacing != rhs.spacing { return lhs.spacing < rhs.spacing }
    return lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
  }
}
