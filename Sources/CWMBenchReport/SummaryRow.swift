import CWMBenchCore
import CWMBenchFormats

/// One row of `summary.csv`: a metric of one model on one cell.
public struct SummaryRow: Sendable, Hashable {
  /// The model's display name.
  public var model: String
  /// The cell.
  public var cell: ReportCell
  /// The metric.
  public var metric: ReportMetric
  /// The estimate.
  public var value: Double
  /// The 95% interval.
  public var interval: ConfidenceInterval
  /// How many examples the estimate uses.
  public var examples: Int
  /// How many queries the estimate uses.
  public var queries: Int

  /// Creates a row.
  public init(
    model: String, cell: ReportCell, metric: ReportMetric, value: Double,
    interval: ConfidenceInterval, examples: Int, queries: Int
  ) {
    self.model = model
    self.cell = cell
    self.metric = metric
    self.value = value
    self.interval = interval
    self.examples = examples
    self.queries = queries
  }

  /// The CSV order: model, then cell, then metric.
  public static func sortsBefore(_ lhs: SummaryRow, _ rhs: SummaryRow) -> Bool {
    if lhs.model != rhs.model { return lhs.model.utf8.lexicographicallyPrecedes(rhs.model.utf8) }
    if lhs.cell != rhs.cell { return lhs.cell < rhs.cell }
    return lhs.metric < rhs.metric
  }
}
