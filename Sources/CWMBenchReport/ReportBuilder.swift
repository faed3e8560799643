import CWMBenchCore
import CWMBenchFamilies
import CWMBenchFormats
import Foundation

/// Builds a report from run folders: the public entry point of `cwmbench report`.
///
/// Reading is streaming and keeps a few numbers per example, never text: each task file is read
/// once into a `TaskIndex` (id hashes, cells, truth; hashed for SHA-256 on a second thread
/// meanwhile), each `results.jsonl` once into per-cell `CellScores`, and only the examples the
/// report names (worst, missing, failed) are read again at the end. Runs are merged by model
/// (name and recorded model, see `ModelNaming`) and task file, so shards of one run and several
/// models or suites combine freely; two different task files that share a file name are refused,
/// and a task file changed since its run (SHA-256) too.
public struct ReportBuilder: Sendable {
  /// The run folders, in the order given.
  public var runs: [String]
  /// A training length that overrides what the runs recorded.
  public var trainLength: Int?
  /// The page title; defaults to the task files' names.
  public var title: String?
  /// How many worst examples per model the page shows.
  public var worstExamples = 5
  /// The families task lines are decoded with (a test adds its own).
  public var families: FamilyRegistry = .builtIn
  /// Leaves out each model's cells with an example not scored (an error result or no result).
  public var completeOnly = false
  /// The one pair of model names `accuracy_diff` is written for, first minus second (nil: every pair).
  public var diff: [String]?
  /// Published rows' CSV files (`--reference`; `ReferenceRows`).
  public var references: [String] = []
  /// Also writes the line plots sized for a 3.25-inch paper column into `paper/`.
  public var paperFigures = false
  /// How many examples per cell the sample browser gets (`samples/`; `SampleLimit`).
  public var samples: SampleLimit = .all

  /// Creates a builder.
  public init(runs: [String], trainLength: Int? = nil, title: String? = nil) {
    self.runs = runs
    self.trainLength = trainLength
    self.title = title
  }

  /// Builds the report and writes `summary.csv`, `summary.tex`, the SVG plots and `index.html` into `directory`.
  ///
  /// Each file is written atomically (temporary file, then rename). Warnings are returned in the
  /// summary, not printed, so the caller decides where they go (the CLI prints them to stderr).
  public func write(to directory: String) throws(ReportError) -> ReportSummary {
    let spill = samples == .none ? nil : try SampleSpill()
    var data = try build(spill: spill)
    try ReferenceRows.add(references, to: &data)
    data.samples = samples
    if let spill {
      try writeSamples(spill, models: data.models.map(\.name), into: directory)
    } else {
      Self.removeSamples(in: directory)
    }
    var files = try ReportBuilder.write(data, to: directory)
    if paperFigures { files += try ReportBuilder.writePaperFigures(data, to: directory + "/paper") }
    return ReportSummary(data: data, files: files)
  }

  // MARK: - Reading

  /// One of a model's worst examples so far.
  struct Candidate {
    var score: ExampleScore
    var task: Int
    var ordinal: Int
    var results: [QueryResult]
    /// The result line's id, checked against the task file when the example is read again.
    var id: String
    /// The results file and line, for that check's error.
    var source: (path: String, line: Int)

    /// Worse first: lower accuracy, then more queries, then file order.
    func isWorse(than other: Candidate) -> Bool { Candidate.isWorse(score, task, ordinal, than: other) }

    /// Whether an example scored `score` at (`task`, `ordinal`) ranks worse than `other`.
    static func isWorse(_ score: ExampleScore, _ task: Int, _ ordinal: Int, than other: Candidate) -> Bool {
      if score.accuracy != other.score.accuracy { return score.accuracy < other.score.accuracy }
      if score.queries != other.score.queries { return score.queries > other.score.queries }
      if task != other.task { return task < other.task }
      return ordinal < other.ordinal
    }
  }

  /// A result line that carries an error.
  struct Failure {
    var task: Int
    var ordinal: Int
    var error: String
    var id: String
    var source: (path: String, line: Int)
  }

  /// Everything gathered about one model while reading: a few bytes per example.
  struct ModelState {
    var name: String
    var trainLength: Int?
    var runs: [String] = []
    /// Per task file, one bit per example: whether a result was read (nil: no results for that file).
    var seen: [[UInt64]?]
    var modes: [EvalMode?]
    var failed: [Failure] = []
    /// Per cell number.
    var scores: [CellScores?]
    var worst: [Candidate] = []
    var scored = 0
    var tokens = TokenTally()
    var sinceWord = SinceWordTally()
    /// The model's runs whose `run.json` status is not `complete`, with that status.
    var unfinishedRuns: [(run: String, status: String)] = []

    init(name: String, tasks: Int, cells: Int) {
      self.name = name
      seen = Array(repeating: nil, count: tasks)
      modes = Array(repeating: nil, count: tasks)
      scores = Array(repeating: nil, count: cells)
    }
  }

  /// Reads every run and computes the report.
  public func build() throws(ReportError) -> ReportData { try build(spill: nil) }

  /// Reads every run and computes the report, keeping each model's answers in `spill` when given.
  func build(spill: SampleSpill?) throws(ReportError) -> ReportData {
    guard !runs.isEmpty else { throw .noRuns }
    let folders = try runs.map { path throws(ReportError) in try RunFolder(path: path) }

    // The task files are hashed on a second thread while this one indexes them (and, with a
    // single task file, reads the results too). Errors are held until the hashes are checked,
    // so they come out in the same order as if hashing had come first.
    var distinctPaths: [String] = []
    for folder in folders where !distinctPaths.contains(folder.tasksPath) { distinctPaths.append(folder.tasksPath) }
    let digests = ReportBuilder.startHashing(distinctPaths)
    var catalog = CellCatalog()
    var indexByPath: [String: Result<TaskIndex, ReportError>] = [:]
    for path in distinctPaths {
      do throws(ReportError) { indexByPath[path] = .success(try indexTasks(path, catalog: &catalog)) } catch {
        indexByPath[path] = .failure(error)
      }
    }
    // Several task files may be one file under two paths: only the hashes tell, so wait for them.
    let single = distinctPaths.count == 1
    let layout = single ? nil : try checkTaskFiles(folders, digests: digests())
    let taskOfRun = layout?.taskOfRun ?? Array(repeating: 0, count: folders.count)
    let taskPaths = layout?.taskPaths ?? distinctPaths
    var held: ReportError?
    var report: ReportData?
    do throws(ReportError) {
      var tasks: [TaskIndex] = []
      for path in taskPaths { tasks.append(try indexByPath[path]!.get()) }
      indexByPath = [:]
      var naming = ModelNaming()
      spill?.cells = tasks.map(\.cells)
      spill?.catalog = catalog.cells
      spill?.taskPaths = taskPaths
      let models = try readResults(
        folders, taskOfRun: taskOfRun, tasks: tasks, cells: catalog.cells, naming: &naming, spill: spill)
      report = try finish(models: models, tasks: tasks, taskPaths: taskPaths, cells: catalog.cells)
      report?.runWarnings = naming.warnings
    } catch {
      held = error
    }
    if single { _ = try checkTaskFiles(folders, digests: digests()) }
    if let held { throw held }
    return report!
  }

  /// Checks each run's task file against its recorded hash and refuses two contents under one
  /// name; returns each run's task number (files of equal content share one) and the task paths.
  func checkTaskFiles(
    _ folders: [RunFolder], digests: [String: Result<String, CoreError>]
  ) throws(ReportError) -> (taskOfRun: [Int], taskPaths: [String]) {
    var taskOfDigest: [String: Int] = [:]
    var taskPaths: [String] = []
    var pathOfName: [String: (path: String, digest: String)] = [:]
    var taskOfRun: [Int] = []
    for folder in folders {
      let digest: String
      switch digests[folder.tasksPath]! {
      case .success(let value): digest = value
      case .failure(let error): throw .io(path: folder.tasksPath, reason: error.description)
      }
      if let recorded = folder.tasksSHA256, recorded.lowercased() != digest {
        throw .invalidRunFile(
          path: folder.path + "/run.json",
          reason:
            "task file '\(folder.tasksPath)' has changed since the run (sha256 '\(digest)', recorded '\(recorded)')")
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
    return (taskOfRun, taskPaths)
  }

  /// Reads every run's results into per-model state; `naming` says which lines are one model's.
  func readResults(
    _ folders: [RunFolder], taskOfRun: [Int], tasks: [TaskIndex], cells: [ReportCell], naming: inout ModelNaming,
    spill: SampleSpill? = nil
  ) throws(ReportError) -> [ModelState] {
    var models: [ModelState] = []
    for (runNumber, folder) in folders.enumerated() {
      let task = taskOfRun[runNumber]
      let taskIndex = tasks[task]
      var touched: Set<Int> = []
      var last: (name: String, number: Int)?
      try forEachResult(folder.resultsPath) { record, line throws(ReportError) in
        guard let ordinal = taskIndex.ordinal(of: record.id) else {
          throw .invalidInput(
            path: folder.resultsPath, line: line,
            reason: "example '\(record.id)' is not in task file '\(taskIndex.path)'")
        }
        let number: Int
        if let last, last.name == record.model {
          number = last.number
        } else {
          number = naming.number(name: record.model, identity: folder.modelIdentity, folder: folder.path) { shown in
            models.append(ModelState(name: shown, tasks: tasks.count, cells: cells.count))
            return models.count - 1
          }
          touched.insert(number)
          last = (record.model, number)
        }
        if let mode = models[number].modes[task], mode != record.mode {
          throw .conflictingModes(model: record.model, first: mode, second: record.mode, run: folder.path)
        }
        models[number].modes[task] = record.mode
        if models[number].seen[task] == nil {
          models[number].seen[task] = Array(repeating: 0, count: (taskIndex.count + 63) / 64)
        }
        // Overlapping shards or a resumed run may repeat an example: the first line wins.
        let bit: UInt64 = 1 << UInt64(ordinal % 64)
        guard models[number].seen[task]![ordinal / 64] & bit == 0 else { return }
        models[number].seen[task]![ordinal / 64] |= bit
        if let error = record.error {
          models[number].failed.append(
            Failure(task: task, ordinal: ordinal, error: error, id: record.id, source: (folder.resultsPath, line)))
          return
        }
        try spill?.add(
          model: number, name: models[number].name, task: task, tasks: tasks.count, count: taskIndex.count,
          ordinal: ordinal, queries: record.queries, shots: record.shots)
        let cell = Int(taskIndex.cells[ordinal])
        let score = taskIndex.score(
          ordinal: ordinal, hasPosteriors: cells[cell].hasPosteriors, results: record.queries)
        guard score.queries > 0 else { return }
        if models[number].scores[cell] == nil {
          models[number].scores[cell] = CellScores(isPFSA: cells[cell].hasPosteriors)
        }
        models[number].scores[cell]!.append(score, task: task, ordinal: ordinal)
        models[number].scored += 1
        models[number].tokens.add(record.queries.prefix(score.queries), family: cells[cell].familyName)
        if let columns = taskIndex.sinceWord.queries(of: ordinal) {
          models[number].sinceWord.add(
            record.queries.prefix(score.queries), columns: columns, spacing: cells[cell].spacing,
            start: cells[cell].columns["start"] ?? "word")
        }
        if worstExamples > 0,
          models[number].worst.count < worstExamples
            || Candidate.isWorse(score, task, ordinal, than: models[number].worst[models[number].worst.count - 1])
        {
          offer(
            Candidate(
              score: score, task: task, ordinal: ordinal, results: record.queries, id: record.id,
              source: (folder.resultsPath, line)),
            to: &models[number].worst)
        }
      }
      for number in touched.sorted() {
        models[number].runs.append(folder.path)
        if folder.status != .complete { models[number].unfinishedRuns.append((folder.path, folder.status.rawValue)) }
        if models[number].trainLength == nil { models[number].trainLength = folder.trainLength }
      }
    }

    return models
  }

  /// Reads the examples the report names again and assembles the report.
  func finish(
    models: [ModelState], tasks: [TaskIndex], taskPaths: [String], cells: [ReportCell]
  ) throws(ReportError) -> ReportData {
    // Ids and texts are read again only for the examples the report names.
    var named: [[UInt64]?] = Array(repeating: nil, count: tasks.count)
    var full: [Set<Int>] = Array(repeating: [], count: tasks.count)
    func name(_ task: Int, _ ordinal: Int) {
      if named[task] == nil { named[task] = Array(repeating: 0, count: (tasks[task].count + 63) / 64) }
      named[task]![ordinal / 64] |= 1 << UInt64(ordinal % 64)
    }
    for model in models {
      for candidate in model.worst {
        name(candidate.task, candidate.ordinal)
        full[candidate.task].insert(candidate.ordinal)
      }
      for failure in model.failed { name(failure.task, failure.ordinal) }
      for (task, seen) in model.seen.enumerated() {
        guard let seen else { continue }
        for ordinal in 0..<tasks[task].count where seen[ordinal / 64] & (1 << UInt64(ordinal % 64)) == 0 {
          name(task, ordinal)
        }
      }
    }
    var ids: [[Int: String]] = Array(repeating: [:], count: tasks.count)
    var examples: [[Int: TaskExample]] = Array(repeating: [:], count: tasks.count)
    for task in tasks.indices {
      guard let wanted = named[task] else { continue }
      try readNamedExamples(
        tasks[task].path, wanted: wanted, full: full[task], ids: &ids[task], examples: &examples[task])
    }
    // A hash index could confuse an absent id with a present one; the named examples are checked (as bytes).
    func differs(_ task: Int, _ ordinal: Int, _ id: String) -> Bool {
      ids[task][ordinal].map(ExampleID.init) != ExampleID(id)
    }
    for model in models {
      for candidate in model.worst where differs(candidate.task, candidate.ordinal, candidate.id) {
        throw .invalidInput(
          path: candidate.source.path, line: candidate.source.line,
          reason: "example '\(candidate.id)' is not in task file '\(tasks[candidate.task].path)'")
      }
      for failure in model.failed where differs(failure.task, failure.ordinal, failure.id) {
        throw .invalidInput(
          path: failure.source.path, line: failure.source.line,
          reason: "example '\(failure.id)' is not in task file '\(tasks[failure.task].path)'")
      }
    }

    var rows: [SummaryRow] = []
    var reports: [ModelReport] = []
    let ordered = models.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    for model in ordered {
      rows += cellRows(of: model, tasks: tasks, cells: cells)
      var missing: [String] = []
      for (task, seen) in model.seen.enumerated() {
        guard let seen else { continue }
        for ordinal in 0..<tasks[task].count where seen[ordinal / 64] & (1 << UInt64(ordinal % 64)) == 0 {
          missing.append(ids[task][ordinal] ?? "")
        }
      }
      let failed = model.failed.sorted { ($0.task, $0.ordinal) < ($1.task, $1.ordinal) }
        .map { (id: ids[$0.task][$0.ordinal] ?? $0.id, error: $0.error) }
      let worst = model.worst.compactMap { candidate in
        examples[candidate.task][candidate.ordinal].map { example in
          var rollout = ExampleRollout(example: example, results: candidate.results)
          rollout.states = Self.replayedStates(of: example, taskFile: taskPaths[candidate.task])
          return rollout
        }
      }
      reports.append(
        ModelReport(
          name: model.name, trainLength: trainLength ?? model.trainLength, runs: model.runs,
          unfinishedRuns: model.unfinishedRuns, scored: model.scored,
          missing: missing, failed: failed, worst: worst, tokenAccuracy: model.tokens.points,
          sinceWordAccuracy: model.sinceWord.points))
    }
    let defaultTitle = taskPaths.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
      .joined(separator: ", ")
    var data = ReportData(
      title: title ?? defaultTitle, rows: rows, models: reports, cellColumns: families.reportColumns)
    data.pairRows = pairRows(
      models: ordered, pairs: try diffPairs(ordered, taskPaths: taskPaths), rows: rows, cells: cells)
    data.reliability = reliability(models: ordered, rows: rows, cells: cells)
    return data
  }
}
