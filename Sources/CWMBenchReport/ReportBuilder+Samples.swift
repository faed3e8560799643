import CWMBenchCore
import CWMBenchFormats
import Foundation

extension ReportBuilder {
  /// The folder of the sample browser's files inside the report folder.
  public static let samplesFolder = "samples"

  /// Writes the sample browser's files (docs/report.md) into `directory/samples`, replacing what
  /// was there only once every file is written.
  ///
  /// One pass over each task file in order: every example is decoded, each model's answers read
  /// back from `spill`, and its row and detail entry appended to its cell's buffers, which are
  /// flushed as they fill. `models` are the report's model names in page order.
  ///
  /// - Complexity: O(task bytes + answers), memory O(cells × chunk + examples × models × 8 bytes).
  func writeSamples(_ spill: SampleSpill, models: [String], into directory: String) throws(ReportError) {
    let final = directory + "/" + Self.samplesFolder
    let staging = directory + "/.\(Self.samplesFolder).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
    } catch {
      throw .io(path: staging, reason: String(describing: error))
    }
    var done = false
    defer { if !done { try? FileManager.default.removeItem(atPath: staging) } }
    // Page order of the spill's models.
    let order = models.map { name in spill.modelNames.firstIndex(of: name) }
    var buffers = spill.catalog.map { _ in SampleCellBuffer(models: models.count) }
    var worst = Array(repeating: [(score: Double, queries: Int, order: Int, row: String)](), count: models.count)
    var position = 0
    for (task, path) in spill.taskPaths.enumerated() {
      let replay = Self.replayContext(taskFile: path)
      var ordinal = -1
      try readLines(path) { bytes, line, terminated throws(ReportError) in
        ordinal += 1
        guard ordinal < spill.cells[task].count else { return false }
        let cell = Int(spill.cells[task][ordinal])
        buffers[cell].seen += 1
        guard samples.admits(rank: buffers[cell].written),
          let example = try decodeExample(bytes, path: path, line: line, terminated: terminated)
        else { return true }
        var answers: [[QueryResult]?] = []
        var shots: [[String]?] = []
        for model in order {
          let read = try model.flatMap { model throws(ReportError) in
            try spill.results(model: model, task: task, ordinal: ordinal)
          }
          answers.append(read?.results)
          shots.append(read?.shots)
        }
        let rank = buffers[cell].written
        buffers[cell].written += 1
        position += 1
        let states = replay.flatMap { example.family.replayedStates(of: example, suiteSeed: $0.seed, split: $0.split) }
        tally(example, answers: answers, into: &buffers[cell])
        let row = SampleChunkWriter.row(example, answers: answers)
        if rank > 0 { buffers[cell].rows.append(UInt8(ascii: ",")) }
        buffers[cell].rows += Array(row.utf8)
        if buffers[cell].rows.count >= 1 << 16 {
          try buffers[cell].flushRows(cell: cell, directory: staging, last: false)
        }
        buffers[cell].chunk.append(
          SampleChunkWriter.entry(example, cell: cell, rank: rank, answers: answers, shots: shots, states: states))
        if buffers[cell].chunk.count == SampleChunkWriter.chunkSize {
          try buffers[cell].flushChunk(cell: cell, directory: staging)
        }
        for (model, results) in answers.enumerated() {
          guard let results, !example.queries.isEmpty else { continue }
          let right = results.prefix(example.queries.count).filter(\.correct).count
          let score = Double(right) / Double(example.queries.count)
          let entry = (score, example.queries.count, position, "[\(cell),\(rank),\(row)]")
          Self.offer(entry, to: &worst[model])
        }
        return true
      }
    }
    for cell in buffers.indices where buffers[cell].written > 0 {
      try buffers[cell].flushRows(cell: cell, directory: staging, last: true)
      try buffers[cell].flushChunk(cell: cell, directory: staging)
    }
    let index = Self.indexScript(buffers, cells: spill.catalog, models: models, worst: worst.map { $0.map(\.row) })
    try SampleCellBuffer.append(Array(index.utf8), to: staging + "/index.js")
    // Swap the folders: the old one (if any) goes only after the new one is complete.
    let old = directory + "/.\(Self.samplesFolder).old-\(getpid())"
    let manager = FileManager.default
    do {
      if manager.fileExists(atPath: final) { try manager.moveItem(atPath: final, toPath: old) }
      try manager.moveItem(atPath: staging, toPath: final)
      done = true
      try? manager.removeItem(atPath: old)
    } catch {
      throw .io(path: final, reason: String(describing: error))
    }
  }

  /// Removes `directory/samples` (with `--samples none`), so the page never points at stale files.
  static func removeSamples(in directory: String) {
    try? FileManager.default.removeItem(atPath: directory + "/" + samplesFolder)
  }

  /// Counts an example into its cell's per-model tallies.
  func tally(_ example: TaskExample, answers: [[QueryResult]?], into buffer: inout SampleCellBuffer) {
    let changed = SampleChunkWriter.changedMask(example)
    if changed != nil { buffer.hasCopy = true }
    if example.queries.contains(where: { $0.probs != nil }) { buffer.hasBayes = true }
    for (model, results) in answers.enumerated() {
      guard let results else { continue }
      buffer.tallies[model][0] += 1
      let answered = Array(results.prefix(example.queries.count))
      if answered.contains(where: { !$0.correct }) { buffer.tallies[model][1] += 1 }
      if let changed {
        for (result, isChanged) in zip(answered, changed) where !result.correct {
          buffer.tallies[model][isChanged ? 2 : 3] += 1
        }
      }
    }
  }

  /// Keeps `entry` among the `worstCount` worst: fewer right first, then more queries, then file order.
  static func offer(
    _ entry: (score: Double, queries: Int, order: Int, row: String),
    to worst: inout [(score: Double, queries: Int, order: Int, row: String)]
  ) {
    func isWorse(_ a: (Double, Int, Int, String), _ b: (Double, Int, Int, String)) -> Bool {
      if a.0 != b.0 { return a.0 < b.0 }
      if a.1 != b.1 { return a.1 > b.1 }
      return a.2 < b.2
    }
    if worst.count == SampleChunkWriter.worstCount, let last = worst.last, !isWorse(entry, last) { return }
    let at = worst.firstIndex { isWorse(entry, $0) } ?? worst.count
    worst.insert(entry, at: at)
    if worst.count > SampleChunkWriter.worstCount { worst.removeLast() }
  }

  /// `index.js`: the models, every cell with its counts and tallies, and each model's worst rows.
  static func indexScript(
    _ buffers: [SampleCellBuffer], cells: [ReportCell], models: [String], worst: [[String]]
  ) -> String {
    // Cells in the report's order (family, then parameters), numbered as in the file names.
    let numbers = cells.indices.filter { buffers[$0].written > 0 }.sorted { cells[$0] < cells[$1] }
    let cellItems = numbers.map { number -> String in
      let cell = cells[number]
      let buffer = buffers[number]
      let columns = SummaryTable.cellColumns(of: [cell])
      let values = SummaryTable.values(of: cell, columns: columns)
      let label =
        zip(columns, values).filter { !$0.1.isEmpty }.map { "\($0)=\($1)" }.joined(separator: " ")
        + " T=\(cell.length) k=\(cell.spacing.description)"
      let object: JSONValue = .object([
        "n": .int(number), "family": .string(cell.familyName), "label": .string(label),
        "count": .int(buffer.written), "total": .int(buffer.seen), "copy": .bool(buffer.hasCopy),
        "bayes": .bool(buffer.hasBayes),
        "tallies": .array(buffer.tallies.map { .array($0.map(JSONValue.int)) }),
      ])
      return JSONWriter.encode(object)
    }
    let modelItems = JSONWriter.encode(.array(models.map(JSONValue.string)))
    let worstItems = "[" + worst.map { "[" + $0.joined(separator: ",") + "]" }.joined(separator: ",\n") + "]"
    return "cwmSamples.index({\"chunk\":\(SampleChunkWriter.chunkSize),\"models\":\(modelItems),\n\"cells\":["
      + cellItems.joined(separator: ",\n") + "],\n\"worst\":" + worstItems + "});\n"
  }
}
