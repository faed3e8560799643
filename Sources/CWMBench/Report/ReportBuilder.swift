import Foundation

/// Builds a report from run folders: the public entry point of `cwmbench report`.
///
/// Reading is streaming: each task file is read once into per-example `ExampleTruth`s (no text),
/// each `results.jsonl` once into per-example `ExampleScore`s, and only the few worst examples per
/// model are read again in full for the page. Runs are merged by model name and task file, so
/// shards of one run and several models or suites combine freely; two different task files that
/// share a file name are refused, and a task file changed since its run (SHA-256) too.
public struct ReportBuilder: Sendable {
  /// The run folders, in the order given.
  public var runs: [String]
  /// A training length that overrides what the runs recorded.
  public var trainLength: Int?
  /// The page title; defaults to the task files' names.
  public var title: String?
  /// How many worst examples per model the page shows.
  public var worstExamples = 5

  /// Creates a builder.
  public init(runs: [String], trainLength: Int? = nil, title: String? = nil) {
    self.runs = runs
    self.trainLength = trainLength
    self.title = title
  }

  /// Builds the report and writes `summary.csv`, the SVG plots and `index.html` into `directory`.
  ///
  /// Each file is written atomically (temporary file, then rename). Warnings are returned in the
  /// summary, not printed, so the caller decides where they go (the CLI prints them to stderr).
  public func write(to directory: String) throws(ReportError) -> ReportSummary {
    let data = try build()
    return ReportSummary(data: data, files: try ReportBuilder.write(data, to: directory))
  }

  /// Writes the files of `data` into `directory` and returns their paths.
  public static func write(_ data: ReportData, to directory: String) throws(ReportError) -> [String] {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .io(path: directory, reason: String(describing: error))
    }
    var outputs: [(String, String)] = []
    var csv = ""
    SummaryCSVWriter.write(data.rows, to: &csv)
    outputs.append(("summary.csv", csv))
    var figures: [(String, ReportMetric, PlotAxis)] = [
      ("accuracy_vs_spacing.svg", .accuracy, .spacing), ("accuracy_vs_length.svg", .accuracy, .length),
    ]
    if data.rows.contains(where: { $0.cell.family == .pfsa }) {
      figures.append(("excess_nll_vs_spacing.svg", .excessNLL, .spacing))
    }
    for (name, metric, axis) in figures {
      var svg = ""
      PlotWriter.write(metric: metric, versus: axis, data: data, to: &svg)
      outputs.append((name, svg))
    }
    var html = ""
    HTMLReportWriter.write(data, to: &html)
    outputs.append(("index.html", html))
    var written: [String] = []
    for (name, text) in outputs {
      let path = directory + "/" + name
      do { try AtomicFile.write(Array(text.utf8), to: path) } catch {
        throw .io(path: path, reason: error.description)
      }
      written.append(path)
    }
    return written
  }

  // MARK: - Reading

  /// One distinct task file: its examples' ids, cells and truths, indexed by line order.
  struct TaskIndex {
    var path: String
    var ids: [String] = []
    var ordinals: [String: Int] = [:]
    var cells: [Int] = []
    var truths: [ExampleTruth] = []
  }

  /// One of a model's worst examples so far.
  struct Candidate {
    var score: ExampleScore
    var task: Int
    var ordinal: Int
    var results: [QueryResult]

    /// Worse first: lower accuracy, then more queries, then file order.
    func isWorse(than other: Candidate) -> Bool {
      if score.accuracy != other.score.accuracy { return score.accuracy < other.score.accuracy }
      if score.queries != other.score.queries { return score.queries > other.score.queries }
      if task != other.task { return task < other.task }
      return ordinal < other.ordinal
    }
  }

  /// Everything gathered about one model while reading.
  struct ModelState {
    var name: String
    var trainLength: Int?
    var runs: [String] = []
    var seen: [Int: [Bool]] = [:]
    var failed: [(task: Int, ordinal: Int, error: String)] = []
    var scores: [Int: [ExampleScore]] = [:]
    var worst: [Candidate] = []
    var scored = 0
  }

  /// Reads every run and computes the report.
  public func build() throws(ReportError) -> ReportData {
    guard !runs.isEmpty else { throw .noRuns }
    let folders = try runs.map { path throws(ReportError) in try RunFolder(path: path) }

    // Distinct task files by content; refuse two contents under one file name.
    var digestsByPath: [String: String] = [:]
    var taskOfDigest: [String: Int] = [:]
    var taskPaths: [String] = []
    var pathOfName: [String: (path: String, digest: String)] = [:]
    var taskOfRun: [Int] = []
    for folder in folders {
      let digest: String
      if let known = digestsByPath[folder.tasksPath] {
        digest = known
      } else {
        do { digest = try SHA256.hexDigest(ofFileAt: folder.tasksPath) } catch {
          throw .io(path: folder.tasksPath, reason: error.description)
        }
        digestsByPath[folder.tasksPath] = digest
      }
      if let recorded = folder.tasksSHA256, recorded.lowercased() != digest {
        throw .invalidRunFile(
          path: folder.path + "/run.json",
          reason: "task file '\(folder.tasksPath)' has changed since the run (sha256 '\(digest)', recorded '\(recorded)')")
      }
      let name = URL(fileURLWithPath: folder.tasksPath).lastPathComponent
      if let other = pathOfName[name], other.digest != digest {
        throw .conflictingTaskFiles(name: name, first: other.path, second: folder.tasksPath)
      }
      pathOfName[name] = (folder.tasksPath, digest)
      if let index = taskOfDigest[digest] {
        taskOfRun.append(index)
      } else {
        taskOfDigest[digest] = taskPaths.count
        taskOfRun.append(taskPaths.count)
        taskPaths.append(folder.tasksPath)
      }
    }

    var cells: [ReportCell] = []
    var cellIndex: [ReportCell: Int] = [:]
    var tasks: [TaskIndex] = []
    for path in taskPaths {
      var index = TaskIndex(path: path)
      try forEachJSONLine(path) { json, line throws(ReportError) in
        let example: TaskExample
        do throws(TaskFileError) { example = try TaskExample(json: json) } catch {
          throw .invalidInput(path: path, line: line, reason: error.description)
        }
        guard index.ordinals[example.id] == nil else {
          throw .invalidInput(path: path, line: line, reason: "duplicate example id '\(example.id)'")
        }
        let cell = ReportCell(example.params)
        let cellNumber: Int
        if let known = cellIndex[cell] {
          cellNumber = known
        } else {
          cellNumber = cells.count
          cellIndex[cell] = cellNumber
          cells.append(cell)
        }
        index.ordinals[example.id] = index.ids.count
        index.ids.append(example.id)
        index.cells.append(cellNumber)
        index.truths.append(ExampleTruth(example: example))
      }
      tasks.append(index)
    }

    var models: [ModelState] = []
    var modelIndex: [String: Int] = [:]
    for (runNumber, folder) in folders.enumerated() {
      let task = taskOfRun[runNumber]
      let taskIndex = tasks[task]
      var touched: Set<Int> = []
      try forEachJSONLine(folder.resultsPath) { json, line throws(ReportError) in
        let record: ResultRecord
        do throws(ReportDecoding.Failure) {
          record = try ReportDecoding.result(from: json, defaultModel: folder.modelName)
        } catch {
          throw .invalidInput(path: folder.resultsPath, line: line, reason: error.reason)
        }
        guard let ordinal = taskIndex.ordinals[record.id] else {
          throw .invalidInput(
            path: folder.resultsPath, line: line,
            reason: "example '\(record.id)' is not in task file '\(taskIndex.path)'")
        }
        let number: Int
        if let known = modelIndex[record.model] {
          number = known
        } else {
          number = models.count
          modelIndex[record.model] = number
          models.append(ModelState(name: record.model))
        }
        touched.insert(number)
        if models[number].seen[task] == nil {
          models[number].seen[task] = Array(repeating: false, count: taskIndex.ids.count)
        }
        // Overlapping shards or a resumed run may repeat an example: the first line wins.
        guard models[number].seen[task]?[ordinal] == false else { return }
        models[number].seen[task]?[ordinal] = true
        if let error = record.error {
          models[number].failed.append((task, ordinal, error))
          return
        }
        let cell = taskIndex.cells[ordinal]
        let score = ExampleScore(
          truth: taskIndex.truths[ordinal], family: cells[cell].family, results: record.queries)
        guard score.queries > 0 else { return }
        models[number].scores[cell, default: []].append(score)
        models[number].scored += 1
        offer(
          Candidate(score: score, task: task, ordinal: ordinal, results: record.queries),
          to: &models[number].worst)
      }
      for number in touched.sorted() {
        models[number].runs.append(folder.path)
        if models[number].trainLength == nil { models[number].trainLength = folder.trainLength }
      }
    }

    // The worst examples' full text, read in one more pass over the task files that hold them.
    var needed: [Int: Set<Int>] = [:]
    for model in models { for candidate in model.worst { needed[candidate.task, default: []].insert(candidate.ordinal) } }
    var examples: [Int: [Int: TaskExample]] = [:]
    for (task, ordinals) in needed.sorted(by: { $0.key < $1.key }) {
      let path = tasks[task].path
      var ordinal = -1
      try forEachJSONLine(path, filter: { ordinal += 1; return ordinals.contains(ordinal) }) { json, line throws(ReportError) in
        do throws(TaskFileError) {
          examples[task, default: [:]][ordinal] = try TaskExample(json: json)
        } catch {
          throw .invalidInput(path: path, line: line, reason: error.description)
        }
      }
    }

    var rows: [SummaryRow] = []
    var reports: [ModelReport] = []
    for model in models.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
      for (cell, scores) in model.scores.sorted(by: { cells[$0.key] < cells[$1.key] }) {
        rows += CellSummarizer.rows(model: model.name, cell: cells[cell], scores: scores)
      }
      var missing: [String] = []
      for (task, seen) in model.seen.sorted(by: { $0.key < $1.key }) {
        for (ordinal, wasSeen) in seen.enumerated() where !wasSeen { missing.append(tasks[task].ids[ordinal]) }
      }
      let failed = model.failed.sorted { ($0.task, $0.ordinal) < ($1.task, $1.ordinal) }
        .map { (id: tasks[$0.task].ids[$0.ordinal], error: $0.error) }
      let worst = model.worst.compactMap { candidate in
        examples[candidate.task]?[candidate.ordinal].map { ExampleRollout(example: $0, results: candidate.results) }
      }
      reports.append(
        ModelReport(
          name: model.name, trainLength: trainLength ?? model.trainLength, runs: model.runs, scored: model.scored,
          missing: missing, failed: failed, worst: worst))
    }
    let defaultTitle = taskPaths.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
      .joined(separator: ", ")
    return ReportData(title: title ?? defaultTitle, rows: rows, models: reports)
  }

  /// Keeps `candidate` if it is among the `worstExamples` worst so far.
  func offer(_ candidate: Candidate, to worst: inout [Candidate]) {
    guard worstExamples > 0 else { return }
    if worst.count == worstExamples, let last = worst.last, !candidate.isWorse(than: last) { return }
    let position = worst.firstIndex { candidate.isWorse(than: $0) } ?? worst.count
    worst.insert(candidate, at: position)
    if worst.count > worstExamples { worst.removeLast() }
  }

  /// Parses each non-empty, terminated line of `path` as JSON (an interrupted last line is skipped).
  func forEachJSONLine(
    _ path: String, filter: () -> Bool = { true },
    _ body: (JSONValue, Int) throws(ReportError) -> Void
  ) throws(ReportError) {
    do {
      try LineReader.forEachLine(inFileAt: path) { bytes, line, terminated in
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return }
        guard filter() else { return }
        let json: JSONValue
        do throws(JSONError) { json = try JSONParser.parse(bytes) } catch {
          if !terminated { return }
          throw ReportError.invalidInput(path: path, line: line, reason: error.description)
        }
        try body(json, line)
      }
    } catch let error as ReportError {
      throw error
    } catch {
      throw .io(path: path, reason: String(describing: error))
    }
  }
}
