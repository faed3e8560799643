import CWMBenchCore
import CWMBenchFormats

extension CellSummarizer {
  /// The `ece` row of a `pfsa` cell: expected calibration error of the model's top probability
  /// against the Bayes posterior, over the examples with calibration points; nil without them.
  ///
  /// The interval resamples whole examples (`ReportStatistics.bootstrapECE`).
  static func eceRow(model: String, cell: ReportCell, columns: CellScores, seed: UInt64) -> SummaryRow? {
    let examples = columns.calibrationExamples()
    guard !examples.isEmpty, let value = columns.reliability().ece else { return nil }
    let interval = ReportStatistics.bootstrapECE(points: columns.calibration, examples: examples, seed: seed)
    return SummaryRow(
      model: model, cell: cell, metric: .ece, value: value,
      interval: ConfidenceInterval(low: min(1, max(0, interval.low)), high: min(1, max(0, interval.high))),
      examples: examples.count, queries: columns.calibration.count)
  }
}
