import CWMBenchCore
import CWMBenchFormats

extension ReportBuilder {
  /// The `model` column of a pair's `accuracy_diff` rows: `A vs B`, the value being A − B.
  public static func pairName(_ first: String, _ second: String) -> String { first + " vs " + second }

  /// The `accuracy_diff` rows: for each pair of models A before B in `models` (the report's
  /// order) and each cell where both have an accuracy row, accuracy(A) − accuracy(B) over the
  /// examples both scored in the same task file, with a paired bootstrap interval.
  ///
  /// Works one cell and one pair at a time: the only memory beyond the models' own columns is
  /// one code per shared example of the pair being compared. The row's `floor` is the cell's
  /// (an accuracy, as on every row of the cell), its `failed` the two models' `failed` added.
  ///
  /// - Complexity: O(pairs × (examples log examples + resamples × shared examples)) per cell.
  func pairRows(models: [ModelState], rows: [SummaryRow], cells: [ReportCell]) -> [SummaryRow] {
    guard models.count > 1 else { return [] }
    var accuracy: [String: [ReportCell: SummaryRow]] = [:]
    for row in rows where row.metric == .accuracy { accuracy[row.model, default: [:]][row.cell] = row }
    var pairRows: [SummaryRow] = []
    for cell in cells.indices {
      let present = models.indices.filter {
        models[$0].scores[cell] != nil && accuracy[models[$0].name]?[cells[cell]] != nil
      }
      guard present.count > 1 else { continue }
      for (offset, first) in present.enumerated() {
        for second in present[(offset + 1)...] {
          let (modelA, modelB) = (models[first], models[second])
          let sample = modelA.scores[cell]!.sharedExamples(with: modelB.scores[cell]!)
          guard !sample.codes.isEmpty else { continue }
          let name = ReportBuilder.pairName(modelA.name, modelB.name)
          let seed = stableHash(name + "\u{1F}" + cells[cell].key + "\u{1F}" + ReportMetric.accuracyDiff.rawValue)
          let interval = ReportStatistics.pairedBootstrap(sample, seed: seed)
          var row = SummaryRow(
            model: name, cell: cells[cell], metric: .accuracyDiff, value: sample.difference,
            interval: ConfidenceInterval(low: max(-1, interval.low), high: min(1, interval.high)),
            examples: sample.codes.count, queries: sample.queriesA)
          let rowA = accuracy[modelA.name]![cells[cell]]!
          let rowB = accuracy[modelB.name]![cells[cell]]!
          row.floor = rowA.floor
          row.failed = rowA.failed + rowB.failed
          row.cellExamples = rowA.cellExamples
          pairRows.append(row)
        }
      }
    }
    return pairRows
  }
}
