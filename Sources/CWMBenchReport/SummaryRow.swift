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
  /// The no-tracking floor: the better of `last-reveal` and chance on the cell's queries
  /// (docs/summary-csv.md); chance until the report sets it from the task file.
  public var floor: Double
  /// The model's examples of the cell that were not scored: an error result or no result.
  public var failed: Int
  /// The examples of the cell in its task files (0 when unknown).
  public var cellExamples: Int = 0

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
    self.floor = cell.chance
    self.failed = 0
  }

  /// Whether the 95% interval reaches the floor (`ci_low ≤ floor`): the one rule the tables,
  /// the heatmap and the warnings mark.
  public var reachesFloor: Bool { interval.low <= floor }

  /// Whether more than 5% of the cell's examples were not scored (an error result or no result).
  public var mostlyFailed: Bool { cellExamples > 0 && Double(failed) > 0.05 * Double(cellExamples) }

  /// The CSV order: model, then cell, then metric.
  public static func sortsBefore(_ lhs: SummaryRow, _ rhs: SummaryRow) -> Bool {
    if lhs.model != rhs.model { return lhs.model.utf8.lexicographicallyPrecedes(rhs.model.utf8) }
    if lhs.cell != rhs.cell { return lhs.cell < rhs.cell }
    return lhs.metric < rhs.metric
  }
}
