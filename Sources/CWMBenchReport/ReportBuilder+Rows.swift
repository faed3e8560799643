import CWMBenchCore
import CWMBenchFormats

extension ReportBuilder {
  /// One model's rows, in cell order, each with its cell's floor and the model's unscored examples.
  ///
  /// The floor comes from every distinct task file's lines (`FloorTally`); an example counts as
  /// failed when its result carries an error or it has no result in a task file the model ran.
  /// With `completeOnly`, a cell with a failed example is left out.
  func cellRows(of model: ModelState, tasks: [TaskIndex], cells: [ReportCell]) -> [SummaryRow] {
    var floors = FloorTally()
    var cellExamples = Array(repeating: 0, count: cells.count)
    var failed = Array(repeating: 0, count: cells.count)
    for (task, index) in tasks.enumerated() {
      floors.merge(index.floors)
      let seen = model.seen[task]
      for ordinal in 0..<index.count {
        let cell = Int(index.cells[ordinal])
        cellExamples[cell] += 1
        if let seen, seen[ordinal / 64] & (1 << UInt64(ordinal % 64)) == 0 { failed[cell] += 1 }
      }
    }
    for failure in model.failed { failed[Int(tasks[failure.task].cells[failure.ordinal])] += 1 }
    var rows: [SummaryRow] = []
    let scored = model.scores.indices.filter { model.scores[$0] != nil }.sorted { cells[$0] < cells[$1] }
    for cell in scored where !(completeOnly && failed[cell] > 0) {
      for var row in CellSummarizer.rows(
        model: model.name, cell: cells[cell], columns: model.scores[cell]!.inTaskOrder())
      {
        row.floor = floors.floor(of: cell, chance: cells[cell].chance)
        row.failed = failed[cell]
        row.cellExamples = cellExamples[cell]
        rows.append(row)
      }
    }
    return rows
  }

  /// Keeps `candidate` if it is among the `worstExamples` worst so far.
  func offer(_ candidate: Candidate, to worst: inout [Candidate]) {
    guard worstExamples > 0 else { return }
    if worst.count == worstExamples, let last = worst.last, !candidate.isWorse(than: last) { return }
    let position = worst.firstIndex { candidate.isWorse(than: $0) } ?? worst.count
    worst.insert(candidate, at: position)
    if worst.count > worstExamples { worst.removeLast() }
  }
}

extension ReportData {
  /// The same data with run folders named relative to `directory` (where the page goes), so
  /// a page holds no path of the machine that made it and its names are right from where it is.
  func namingRunsRelative(to directory: String) -> ReportData {
    var data = self
    for index in data.models.indices {
      data.models[index].runs = data.models[index].runs.map { relativePath(of: $0, from: directory) }
      data.models[index].unfinishedRuns = data.models[index].unfinishedRuns.map {
        (relativePath(of: $0.run, from: directory), $0.status)
      }
    }
    return data
  }
}
