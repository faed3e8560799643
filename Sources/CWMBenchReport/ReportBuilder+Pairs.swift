import CWMBenchCore
import CWMBenchFormats

extension ReportBuilder {
  /// The `model` column of a pair's `accuracy_diff` rows: `A vs B`, the value being A − B.
  public static func pairName(_ first: String, _ second: String) -> String { first + " vs " + second }

  /// The `accuracy_diff` rows: for each pair of models (A, B) of `pairs` (indices into
  /// `models`; by default every pair in the report's order) and each cell where both have an accuracy row, accuracy(A) − accuracy(B) over the
  /// examples both scored in the same task file, with a paired bootstrap interval.
  ///
  /// Works one cell and one pair at a time: the only memory beyond the models' own columns is
  /// one code per shared example of the pair being compared. The row's `floor` is the cell's
  /// (an accuracy, as on every row of the cell), its `failed` the two models' `failed` added.
  ///
  /// - Complexity: O(pairs × (examples log examples + resamples × shared examples)) per cell.
  func pairRows(
    models: [ModelState], pairs: [(Int, Int)], rows: [SummaryRow], cells: [ReportCell]
  ) -> [SummaryRow] {
    guard !pairs.isEmpty else { return [] }
    var accuracy: [String: [ReportCell: SummaryRow]] = [:]
    for row in rows where row.metric == .accuracy { accuracy[row.model, default: [:]][row.cell] = row }
    var pairRows: [SummaryRow] = []
    for cell in cells.indices {
      func present(_ model: Int) -> Bool {
        models[model].scores[cell] != nil && accuracy[models[model].name]?[cells[cell]] != nil
      }
      for (first, second) in pairs where present(first) && present(second) {
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
    return pairRows
  }
}

extension ReportBuilder {
  /// The pairs of `models` (indices, first minus second) that get `accuracy_diff` rows: with
  /// `diff`, that one pair, refused when a name is not a model or the two share no task file;
  /// else every pair in the report's order.
  func diffPairs(_ models: [ModelState], taskPaths: [String]) throws(ReportError) -> [(Int, Int)] {
    guard let diff, diff.count == 2 else {
      return models.indices.flatMap { first in (first + 1..<models.count).map { (first, $0) } }
    }
    var found: [Int] = []
    for name in diff {
      guard let index = models.firstIndex(where: { $0.name == name }) else {
        throw .unknownDiffModel(name: name, known: models.map(\.name))
      }
      found.append(index)
    }
    func tasks(_ model: ModelState) -> [Int] { model.seen.indices.filter { model.seen[$0] != nil } }
    let (first, second) = (models[found[0]], models[found[1]])
    if Set(tasks(first)).isDisjoint(with: tasks(second)) {
      throw .unpairedDiff(
        first: first.name, second: second.name, firstTasks: tasks(first).map { taskPaths[$0] },
        secondTasks: tasks(second).map { taskPaths[$0] })
    }
    return [(found[0], found[1])]
  }
}
