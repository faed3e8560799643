import CWMBenchCore
import CWMBenchFormats

extension SummaryRow {
  /// The Bayes-optimal accuracy of each cell, from the `bayes_accuracy` rows.
  ///
  /// It comes from the task file's posteriors, so every model's row holds the same ceiling for a
  /// cell; the one over the most examples is kept.
  ///
  /// - Complexity: O(rows).
  static func bayesCeilings(_ rows: [SummaryRow]) -> [ReportCell: SummaryRow] {
    var best: [ReportCell: SummaryRow] = [:]
    for row in rows where row.metric == .bayesAccuracy && row.value.isFinite {
      if (best[row.cell]?.examples ?? -1) < row.examples { best[row.cell] = row }
    }
    return best
  }
}
