import CWMBenchCore
import CWMBenchFormats
import Foundation
import Synchronization

/// Runs one model over one task file: resumable, sharded, concurrent, and interruptible.
///
/// Results are appended one whole line per example as answers arrive, so a crash or a
/// SIGKILL loses at most the examples in flight and never leaves a half-written line that
/// a resume would misread.
public struct EvalRunner: Sendable {
  /// What to run.
  public let configuration: EvalConfiguration
  /// The model.
  public let adapter: any ModelAdapter
  /// Where adapter and harness messages go (stderr in the CLI).
  public let log: @Sendable (String) -> Void

  /// Progress after each finished example.
  public struct Progress: Sendable {
    /// Examples finished (answered or failed) out of `total`, counting resumed ones.
    public var done: Int
    /// Examples in this run's slice.
    public var total: Int
    /// Examples failed in this run.
    public var failed: Int
  }

  /// Creates a runner.
  public init(configuration: EvalConfiguration, adapter: any ModelAdapter, log: @escaping @Sendable (String) -> Void) {
    self.configuration = configuration
    self.adapter = adapter
    self.log = log
  }

  /// Consecutive failures, with no success in between, after which the run stops: a server
  /// that is down should not turn a whole suite into recorded failures.
  static let abortAfterConsecutiveFailures = 20

  /// What a run settles before its first request: mode, slice, resumed ids and the record.
  struct Plan {
    /// The mode, resolved against what the model supports.
    var mode: EvalMode
    /// Positions (0-based, among the file's examples) of this run's slice, ascending.
    var slice: [Int]
    /// Ids an earlier run into the folder answered.
    var previous: Set<ExampleID>
    /// Examples of the slice taken as answered before this run starts.
    var skipped: Int
    /// Requests in flight.
    var concurrency: Int
    /// `run.json` as it is written when the run starts.
    var record: RunFile
    /// The task file as checked, still open: the examples are read from it, not from the path.
    var tasks: CheckedTaskFile
    /// The train examples shown before each question, with `--few-shot`.
    var fewShot: FewShotPool?
    /// Examples in the slice.
    var total: Int { slice.count }
  }

  /// Runs to completion (or interruption) and returns what happened.
  ///
  /// The steps: check the options; take the output folder's lock; read and check the whole
  /// task file; start the model; plan the slice against what the folder already holds;
  /// evaluate; record how it ended. Nothing is written before the task file has passed.
  public func run(
    started: (ModelInfo, EvalMode, _ total: Int, _ skipped: Int) -> Void = { _, _, _, _ in },
    progress: @escaping @Sendable (Progress) -> Void = { _ in }
  ) async throws(EvalError) -> EvalSummary {
    try configuration.validate()
    let startDate = Date()
    // A folder that exists is locked before the (possibly long) scan, so a second run into it
    // is refused at once; a new folder is created only once the task file has passed.
    let existing = FileManager.default.fileExists(atPath: configuration.outputDirectory)
    var early: RunDirectory?
    if existing { early = try RunDirectory(path: configuration.outputDirectory) }
    let candidatesNeededBy: TaskScan.CandidatesNeed? =
      configuration.mode == .choice
      ? .choiceMode : configuration.modelSpec == BuiltinAdapter.Kind.random.rawValue ? .randomBaseline : nil
    let scan = try TaskScan.read(
      path: configuration.tasksPath, display: configuration.tasksDisplayPath, families: configuration.families,
      candidatesNeededBy: candidatesNeededBy)
    let folder: RunDirectory
    if let early { folder = early } else { folder = try RunDirectory(path: configuration.outputDirectory) }
    defer { folder.release() }
    try folder.refuseResultsWithoutRun(fresh: configuration.fresh)
    // Shots are checked before the model starts: a wrong train file costs no model load.
    var pool: FewShotPool?
    if let count = configuration.prompt.fewShot, let from = configuration.prompt.fewShotFrom {
      pool = try FewShotPool(
        count: count, trainPath: from.path, trainDisplay: from.display, testPath: configuration.tasksPath,
        testDisplay: configuration.tasksDisplayPath, testSHA256: scan.sha256, families: configuration.families)
    }

    var info = try await startAdapter()
    if let displayName = configuration.displayName { info.name = displayName }
    let plan: Plan
    let tally: Tally
    do throws(EvalError) {
      let slice = self.slice(of: scan.count)
      let (mode, probe) = try await chooseMode(info, scan: scan, slice: slice, folder: folder, pool: pool)
      plan = try makePlan(
        info: info, mode: mode, probe: probe, slice: slice, scan: scan, folder: folder, startDate: startDate,
        pool: pool)
      started(info, plan.mode, plan.total, plan.skipped)
      try folder.writeRun(plan.record)
      let results = try folder.openResults()
      tally = await evaluateSlice(plan, modelName: info.name, results: results, progress: progress)
    } catch {
      await adapter.shutdown()
      throw error
    }
    await adapter.shutdown()
    return try finish(plan, tally, folder: folder, modelName: info.name, startDate: startDate)
  }

  /// Starts the model within `startTimeout`.
  private func startAdapter() async throws(EvalError) -> ModelInfo {
    let adapter = self.adapter
    let config = configuration
    do {
      // Until the hello, nothing polls the interrupt flag: the wait itself is cancelled.
      if Cancellation.isRequested { throw CancellationError() }
      return try await Cancellation.cancellingOnRequest {
        try await Self.withTimeout(config.startTimeout) { try await adapter.start() }
      }
    } catch _ where Cancellation.isRequested {
      await adapter.shutdown()
      throw .interruptedBeforeStart
    } catch AdapterError.timeout {
      await adapter.shutdown()
      throw .adapterFailed(
        "model '\(config.modelSpec)' did not start within \(formatNumber(config.startTimeout))s (see --start-timeout)")
    } catch {
      await adapter.shutdown()
      throw .adapterFailed("cannot start model '\(config.modelSpec)': \(error)")
    }
  }

  /// Positions (0-based) of this run's examples: every example, or one shard of them, up to --limit.
  func slice(of count: Int) -> [Int] {
    var slice: [Int] = []
    for position in 0..<count where configuration.shard?.contains(position) ?? true {
      if let limit = configuration.limit, slice.count >= limit { break }
      slice.append(position)
    }
    return slice
  }

  /// Readies the folder for a run in `mode` (refusing a mismatched earlier run) over `slice`.
  private func makePlan(
    info: ModelInfo, mode: EvalMode, probe: RunFile.ModeProbe?, slice: [Int], scan: TaskScan, folder: RunDirectory,
    startDate: Date, pool: FewShotPool?
  ) throws(EvalError) -> Plan {
    let config = configuration
    // A checkpoint is recorded, like the task file, relative to the run folder: no path of the
    // machine in run.json. (The other specs are names, commands or URLs, never absolute paths.)
    let model =
      config.modelSpec.hasPrefix("/") ? relativePath(of: config.modelSpec, from: folder.path) : config.modelSpec
    var record = RunFile(
      modelSpec: model, modelName: info.name, trainLength: info.trainLength ?? config.trainLength,
      mode: mode, tasks: RunFile.recordedTasksPath(config.tasksPath, runFolder: folder.path),
      tasksSHA256: scan.sha256, shard: config.shard?.description, started: startDate)
    record.prompting = config.prompt.record(mode: mode, pool: pool, runFolder: folder.path)
    record.modeProbe = probe
    // Files written before paths were relative hold the checkpoint's absolute path: the same model.
    let previous = try folder.prepare(fresh: config.fresh, expecting: record, sameModel: [config.modelSpec])
    // Resumed examples are counted as they are met in the file; `previous` may also hold ids
    // from outside this slice (another --limit), which are not skipped here.
    let skipped = slice.isEmpty ? 0 : min(previous.count, slice.count)
    record.examples = slice.count
    record.skipped = skipped
    record.done = skipped
    return Plan(
      mode: mode, slice: slice, previous: previous, skipped: skipped,
      concurrency: max(1, config.concurrency ?? info.preferredConcurrency), record: record, tasks: scan.file,
      fewShot: pool)
  }

  /// Writes how the run ended to `run.json` and returns or throws accordingly.
  ///
  /// `complete` only when every example of the slice has an answer; failed examples make the
  /// run `incomplete` (exit 1), and running the same command again asks them again.
  private func finish(
    _ plan: Plan, _ tally: Tally, folder: RunDirectory, modelName: String, startDate: Date
  ) throws(EvalError) -> EvalSummary {
    let interrupted = Cancellation.isRequested && tally.stopReason == nil
    let wentThrough = tally.stopReason == nil && !interrupted
    // Only a run that went through the whole file met every resumed example.
    let skipped = wentThrough ? tally.skippedSeen : plan.skipped
    var record = plan.record
    record.done = skipped + tally.done - tally.failed
    record.skipped = skipped
    record.failed = tally.failed
    record.ended = Date()
    if let stopReason = tally.stopReason {
      record.status = .aborted
      record.reason = stopReason.description
    } else if interrupted {
      record.status = .interrupted
    } else {
      record.status = record.done >= plan.total ? .complete : .incomplete
    }
    do throws(EvalError) {
      try folder.writeRun(record)
    } catch {
      // The error that stopped the run comes first: on a full disk, run.json fails because
      // results.jsonl did, and naming only run.json would hide which write failed first.
      guard let stopReason = tally.stopReason else { throw error }
      throw .io("\(stopReason); \(RunDirectory.runFileName) could not record it either: \(error)")
    }
    let summary = EvalSummary(
      modelName: modelName, mode: plan.mode, total: plan.total, done: record.done, failed: tally.failed,
      skipped: skipped, correct: tally.correct, queries: tally.queries, chanceCorrect: tally.chance,
      seconds: Date().timeIntervalSince(startDate), status: record.status)
    if let stopReason = tally.stopReason { throw stopReason }
    switch record.status {
    case .interrupted: throw .interrupted(summary)
    case .incomplete: throw .incomplete(summary)
    default: return summary
    }
  }

  /// The requested mode if the adapter supports it; for `auto`, `score` when possible.
  func resolveMode(_ info: ModelInfo) throws(EvalError) -> EvalMode {
    guard let requested = configuration.mode else {
      if info.modes.contains(.score) { return .score }
      if info.modes.contains(.generate) { return .generate }
      guard let first = info.modes.first else {
        throw .unsupportedMode("model '\(info.name)' supports no mode")
      }
      return first
    }
    guard info.modes.contains(requested) else {
      let reason = (adapter as? any ModeRefusing)?.refusal(for: requested)
      throw .unsupportedMode(
        reason ?? "model '\(info.name)' does not support mode '\(requested.rawValue)' "
          + "(it supports \(info.modes.map(\.rawValue).joined(separator: ", ")))")
    }
    return requested
  }
}

/// Adapters that can say why they refuse a mode (an HTTP server that ignores `echo`).
public protocol ModeRefusing {
  /// The message for the user, or nil when `mode` is fine.
  func refusal(for mode: EvalMode) -> String?
}
