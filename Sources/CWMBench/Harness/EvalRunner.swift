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

  /// Runs to completion (or interruption) and returns what happened.
  public func run(
    started: (ModelInfo, EvalMode, _ total: Int, _ skipped: Int) -> Void = { _, _, _, _ in },
    progress: @escaping @Sendable (Progress) -> Void = { _ in }
  ) async throws(EvalError) -> EvalSummary {
    let config = configuration
    let startDate = Date()
    let scan = try scanTasks()
    let info: ModelInfo
    do {
      let adapter = self.adapter
      info = try await Self.withTimeout(config.startTimeout) { try await adapter.start() }
    } catch AdapterError.timeout {
      await adapter.shutdown()
      throw .adapterFailed(
        "model '\(config.modelSpec)' did not start within \(formatNumber(config.startTimeout))s (see --start-timeout)")
    } catch {
      throw .adapterFailed("cannot start model '\(config.modelSpec)': \(error)")
    }
    let mode = try resolveMode(info)
    let output = try RunDirectory(path: config.outputDirectory)
    let run = RunFile(
      modelSpec: config.modelSpec, modelName: info.name, trainLength: info.trainLength ?? config.trainLength,
      mode: mode, tasks: config.tasksDisplayPath, tasksSHA256: scan.sha256, shard: config.shard?.description,
      started: startDate)
    let previous = try output.prepare(fresh: config.fresh, expecting: run)

    // This run's slice: every example, or one shard of them, up to --limit.
    var slice: [Int] = []
    for position in 0..<scan.count where config.shard?.contains(position) ?? true {
      if let limit = config.limit, slice.count >= limit { break }
      slice.append(position)
    }
    let total = slice.count
    // Resumed examples are counted as they are met in the file; `previous` may also hold ids
    // from outside this slice (another --limit), which are not skipped here.
    var skipped = slice.isEmpty ? 0 : min(previous.count, total)
    started(info, mode, total, skipped)

    let concurrency = max(1, config.concurrency ?? info.preferredConcurrency)
    let results = try output.openResults()
    let counters = Mutex(Counters())
    var record = run
    record.examples = total
    record.skipped = skipped
    record.done = skipped
    try output.writeRun(record)

    let pendingSet = PositionFilter(positions: slice)
    let cursor: LineCursor
    do { cursor = try LineCursor(path: config.tasksPath) } catch { throw .badTasks(error.description) }
    var linePosition = -1
    var skippedSeen = 0
    var stopReason: EvalError?
    var consecutiveFailures = 0
    var loggedFailure = false

    await withTaskGroup(of: ExampleOutcome.self) { group in
      var inFlight = 0

      func handle(_ outcome: ExampleOutcome) {
        inFlight -= 1
        switch outcome {
        case .finished(let result, let queries, let correct, let chance):
          do {
            var writer = JSONWriter()
            result.write(to: &writer)
            try results.appendLine(writer.bytes)
          } catch {
            stopReason = stopReason ?? .io("cannot append to '\(output.resultsPath)': \(error)")
            return
          }
          let failed = result.error != nil
          if failed {
            // The first failure is printed whole (a timeout says which flag to raise); later
            // ones are counted in the progress line and recorded in results.jsonl.
            if !loggedFailure {
              loggedFailure = true
              log("[cwmbench] example '\(result.id)' failed: \(result.error!)")
            }
            consecutiveFailures += 1
            if consecutiveFailures >= Self.abortAfterConsecutiveFailures && stopReason == nil {
              stopReason = .aborted(
                "stopping: the last \(consecutiveFailures) examples all failed (last error: \(result.error!)); "
                  + "results so far are kept, run the same command again to resume")
            }
          } else {
            consecutiveFailures = 0
          }
          let snapshot = counters.withLock { counters in
            counters.done += 1
            if failed { counters.failed += 1 }
            counters.queries += queries
            counters.correct += correct
            counters.chance += chance
            return counters
          }
          progress(Progress(done: skipped + snapshot.done, total: total, failed: snapshot.failed))
        case .fatal(let error):
          // The example is not recorded, so a resumed run asks again.
          stopReason = stopReason ?? .adapterFailed(error)
        }
      }

      scheduling: while stopReason == nil {
        if Cancellation.isRequested { break }
        if inFlight >= concurrency, let outcome = await group.next() {
          handle(outcome)
          continue
        }
        // Pull the next pending example from the file.
        var example: TaskExample?
        do {
          while example == nil {
            guard let (line, _) = try cursor.next() else { break scheduling }
            if line.isEmpty { continue }
            linePosition += 1
            guard pendingSet.contains(linePosition) else { continue }
            let decoded = try line.withUnsafeBytes { raw throws(TaskFileError) in
              try TaskFileReader.decode(raw, path: config.tasksDisplayPath, lineNumber: cursor.lineNumber)
            }
            if previous.contains(decoded.id) { skippedSeen += 1 } else { example = decoded }
          }
        } catch {
          stopReason = .badTasks("\(error)")
          break
        }
        guard let example else { break }
        inFlight += 1
        let adapter = self.adapter
        let name = info.name
        group.addTask {
          await Self.evaluate(example, mode: mode, modelName: name, adapter: adapter, config: config)
        }
      }
      while let outcome = await group.next() { handle(outcome) }
    }
    await adapter.shutdown()

    let snapshot = counters.withLock { $0 }
    if stopReason == nil && !Cancellation.isRequested { skipped = skippedSeen }
    let interrupted = Cancellation.isRequested && stopReason == nil
    let finishedAll = stopReason == nil && !interrupted
    record.done = skipped + snapshot.done - snapshot.failed
    record.skipped = skipped
    record.failed = snapshot.failed
    record.ended = Date()
    record.status = finishedAll ? "complete" : (interrupted ? "interrupted" : "aborted")
    try output.writeRun(record)
    let summary = EvalSummary(
      modelName: info.name, mode: mode, total: total, done: record.done, failed: snapshot.failed, skipped: skipped,
      correct: snapshot.correct, queries: snapshot.queries, chanceCorrect: snapshot.chance, seconds: Date().timeIntervalSince(startDate),
      status: record.status)
    if let stopReason { throw stopReason }
    if interrupted { throw .interrupted(summary) }
    return summary
  }

  /// The requested mode if the adapter supports it; for `auto`, `score` when possible.
  private func resolveMode(_ info: ModelInfo) throws(EvalError) -> EvalMode {
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

  /// One pass over the task file: its SHA-256 and its number of examples.
  ///
  /// Only the first example is decoded here (to refuse `choice` on files without
  /// candidates up front); the rest are decoded once, as they are evaluated.
  private func scanTasks() throws(EvalError) -> (sha256: String, count: Int) {
    let path = configuration.tasksPath
    let display = configuration.tasksDisplayPath
    guard FileManager.default.fileExists(atPath: path) else { throw .badTasks("no task file at '\(display)'") }
    var digest = SHA256()
    var count = 0
    let mode = configuration.mode
    do {
      try LineReader.forEachLine(inFileAt: path) { line, lineNumber, terminated in
        digest.update(line)
        if terminated { digest.update([0x0A]) }
        if line.isEmpty { return }
        count += 1
        guard count == 1 else { return }
        let example = try TaskFileReader.decode(line, path: display, lineNumber: lineNumber)
        if mode == .choice, example.queries.contains(where: { $0.candidates == nil }) {
          throw EvalError.unsupportedMode(
            "'\(display)' line \(lineNumber): mode 'choice' needs candidates, and this example has none "
              + "(reveal all with n > 6); use --mode score or --mode generate")
        }
      }
    } catch let error as EvalError {
      throw error
    } catch {
      throw .badTasks("\(error)")
    }
    guard count > 0 else { throw .badTasks("'\(display)' has no examples") }
    return (digest.finalize().map { String(format: "%02x", $0) }.joined(), count)
  }
}

/// Adapters that can say why they refuse a mode (an HTTP server that ignores `echo`).
public protocol ModeRefusing {
  /// The message for the user, or nil when `mode` is fine.
  func refusal(for mode: EvalMode) -> String?
}

/// The running totals of an evaluation.
struct Counters: Sendable {
  var done = 0
  var failed = 0
  var queries = 0
  var correct = 0
  var chance = 0.0
}

/// What became of one example.
enum ExampleOutcome: Sendable {
  /// Answered or failed after retries: recorded either way.
  case finished(ResultRecord, queries: Int, correct: Int, chance: Double)
  /// The model is gone or broke the protocol: the run stops, the example is not recorded.
  case fatal(String)
}

/// Membership of sorted positions by binary search: 8 bytes per example, not a hash set.
struct PositionFilter {
  private let positions: [Int]

  init(positions: [Int]) { self.positions = positions }

  func contains(_ position: Int) -> Bool {
    var low = 0, high = positions.count
    while low < high {
      let mid = (low + high) / 2
      if positions[mid] < position { low = mid + 1 } else { high = mid }
    }
    return low < positions.count && positions[low] == position
  }
}
