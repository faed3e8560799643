/// Turns one model's example scores on one cell into `summary.csv` rows (see `ReportMetric`).
public enum CellSummarizer {
  /// The rows for `model` on `cell`, in metric order; examples without queries are ignored.
  ///
  /// Each bootstrap is seeded from `stableHash` of model, cell key and metric, so rerunning a
  /// report gives identical intervals.
  public static func rows(model: String, cell: ReportCell, scores: [ExampleScore]) -> [SummaryRow] {
    let answered = scores.filter { $0.queries > 0 }
    guard !answered.isEmpty else { return [] }
    let queryCount = answered.reduce(0) { $0 + $1.queries }
    var rows: [SummaryRow] = []

    func seed(_ metric: ReportMetric) -> UInt64 {
      stableHash(model + "\u{1F}" + cell.key + "\u{1F}" + metric.rawValue)
    }
    func ratioRow(_ metric: ReportMetric, _ pairs: [(numerator: Double, denominator: Double)]) {
      guard !pairs.isEmpty else { return }
      let numerator = pairs.reduce(0.0) { $0 + $1.numerator }
      let denominator = pairs.reduce(0.0) { $0 + $1.denominator }
      var interval = ReportStatistics.bootstrapRatio(pairs, seed: seed(metric))
      if metric.isProportion {
        interval = ConfidenceInterval(low: clampUnit(interval.low), high: clampUnit(interval.high))
      }
      rows.append(
        SummaryRow(
          model: model, cell: cell, metric: metric, value: numerator / denominator, interval: interval,
          examples: pairs.count, queries: Int(denominator)))
    }
    func wilsonRow(_ metric: ReportMetric, successes: Int, queries: Int) {
      rows.append(
        SummaryRow(
          model: model, cell: cell, metric: metric,
          value: Double(successes) / Double(answered.count),
          interval: ReportStatistics.wilson(successes: successes, trials: answered.count),
          examples: answered.count, queries: queries))
    }

    ratioRow(.accuracy, answered.map { (Double($0.correct), Double($0.queries)) })
    wilsonRow(.finalAccuracy, successes: answered.filter(\.lastCorrect).count, queries: answered.count)
    wilsonRow(.sequenceAccuracy, successes: answered.filter(\.allCorrect).count, queries: queryCount)
    guard cell.family == .pfsa else { return rows }
    let withBayes = answered.filter { $0.bayesNLL != nil }
    ratioRow(.bayesAccuracy, withBayes.map { (Double($0.bayesCorrect), Double($0.queries)) })
    ratioRow(.nll, answered.compactMap { score in score.nll.map { ($0, Double(score.queries)) } })
    ratioRow(
      .excessNLL,
      answered.compactMap { score in
        guard let nll = score.nll, let bayes = score.bayesNLL else { return nil }
        return (nll - bayes, Double(score.queries))
      })
    ratioRow(.tv, answered.compactMap { score in score.tv.map { ($0, Double(score.queries)) } })
    return rows
  }

  private static func clampUnit(_ value: Double) -> Double { min(1, max(0, value)) }
}
