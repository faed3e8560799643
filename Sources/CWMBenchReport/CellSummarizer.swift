import CWMBenchCore
import CWMBenchFormats

/// Turns one model's example scores on one cell into `summary.csv` rows (see `ReportMetric`).
public enum CellSummarizer {
  /// The rows for `model` on `cell`, in metric order; examples without queries are ignored.
  ///
  /// Each bootstrap is seeded from `stableHash` of model, cell key and metric, so rerunning a
  /// report gives identical intervals. `scores` are taken in the order given.
  public static func rows(model: String, cell: ReportCell, scores: [ExampleScore]) -> [SummaryRow] {
    var columns = CellScores(isPFSA: cell.hasPosteriors)
    for (index, score) in scores.enumerated() where score.queries > 0 { columns.append(score, task: 0, ordinal: index) }
    return rows(model: model, cell: cell, columns: columns)
  }

  /// The rows for `model` on `cell` from compact columns (every example in them has answered queries).
  static func rows(model: String, cell: ReportCell, columns: CellScores) -> [SummaryRow] {
    let count = columns.count
    guard count > 0 else { return [] }
    let queryCount = columns.queries.reduce(0) { $0 + Int($1) }
    var rows: [SummaryRow] = []

    func seed(_ metric: ReportMetric) -> UInt64 {
      stableHash(model + "\u{1F}" + cell.key + "\u{1F}" + metric.rawValue)
    }
    func append(
      _ metric: ReportMetric, numerator: Double, denominator: Double, examples: Int, _ interval: ConfidenceInterval
    ) {
      var interval = interval
      if metric.isProportion {
        interval = ConfidenceInterval(low: clampUnit(interval.low), high: clampUnit(interval.high))
      }
      rows.append(
        SummaryRow(
          model: model, cell: cell, metric: metric, value: numerator / denominator, interval: interval,
          examples: examples, queries: Int(denominator)))
    }
    // Integer pairs (queries right, queries answered) of the examples `include` picks.
    func countRow(_ metric: ReportMetric, numerators: [Int32], include: (Int) -> Bool) {
      var numerator = 0.0
      var denominator = 0.0
      var examples = 0
      for index in 0..<count where include(index) {
        numerator += Double(numerators[index])
        denominator += Double(columns.queries[index])
        examples += 1
      }
      guard examples > 0 else { return }
      let interval = ReportStatistics.bootstrapRatio(
        numerators: numerators, denominators: columns.queries, include: include, seed: seed(metric))
      append(metric, numerator: numerator, denominator: denominator, examples: examples, interval)
    }
    func ratioRow(_ metric: ReportMetric, _ pairs: [(numerator: Double, denominator: Double)]) {
      guard !pairs.isEmpty else { return }
      let numerator = pairs.reduce(0.0) { $0 + $1.numerator }
      let denominator = pairs.reduce(0.0) { $0 + $1.denominator }
      append(
        metric, numerator: numerator, denominator: denominator, examples: pairs.count,
        ReportStatistics.bootstrapRatio(pairs, seed: seed(metric)))
    }
    func wilsonRow(_ metric: ReportMetric, successes: Int, queries: Int) {
      rows.append(
        SummaryRow(
          model: model, cell: cell, metric: metric,
          value: Double(successes) / Double(count),
          interval: ReportStatistics.wilson(successes: successes, trials: count),
          examples: count, queries: queries))
    }
    // Accuracy on the queries that are not copies; only when every example says which are
    // (a file of cwmbench 0.1.0 has no `copy`), and only when there is such a query.
    func changedRow() {
      let (successes, trials) = (columns.changedCorrect, columns.changedQueries)
      guard !columns.changedUnknown, trials > 0 else { return }
      rows.append(
        SummaryRow(
          model: model, cell: cell, metric: .accuracyChanged, value: Double(successes) / Double(trials),
          interval: ReportStatistics.wilson(successes: successes, trials: trials), examples: columns.changedExamples,
          queries: trials))
    }
    func pairs(_ mask: UInt8, _ value: (Int) -> Double) -> [(numerator: Double, denominator: Double)] {
      (0..<count).compactMap { index in
        columns.has(mask, at: index) ? (value(index), Double(columns.queries[index])) : nil
      }
    }

    countRow(.accuracy, numerators: columns.correct) { _ in true }
    changedRow()
    wilsonRow(
      .finalAccuracy,
      successes: (0..<count).reduce(0) { $0 + (columns.has(CellScores.lastCorrectFlag, at: $1) ? 1 : 0) },
      queries: count)
    wilsonRow(
      .sequenceAccuracy,
      successes: (0..<count).reduce(0) { $0 + (columns.correct[$1] == columns.queries[$1] ? 1 : 0) },
      queries: queryCount)
    guard cell.hasPosteriors, columns.isPFSA else { return rows }
    countRow(.bayesAccuracy, numerators: columns.bayesCorrect) { columns.has(CellScores.bayesNLLFlag, at: $0) }
    ratioRow(.nll, pairs(CellScores.nllFlag) { columns.nll[$0] })
    ratioRow(.excessNLL, pairs(CellScores.nllFlag | CellScores.bayesNLLFlag) { columns.nll[$0] - columns.bayesNLL[$0] })
    ratioRow(.tv, pairs(CellScores.tvFlag) { columns.tv[$0] })
    return rows
  }

  private static func clampUnit(_ value: Double) -> Double { min(1, max(0, value)) }
}
