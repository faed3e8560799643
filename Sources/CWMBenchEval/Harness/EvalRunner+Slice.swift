import CWMBenchCore
import CWMBenchFormats
import Foundation

extension EvalRunner {
  /// The running totals of an evaluation and why it stopped early, if it did.
  struct Tally: Sendable {
    var done = 0
    var failed = 0
    var queries = 0
    var correct = 0
    var chance = 0.0
    /// Failures in a row since the last answer.
    var consecutiveFailures = 0
    /// Examples of the slice met in the file that an earlier run had answered.
    var skippedSeen = 0
    /// Set once; the run stops scheduling and records `aborted`.
    var stopReason: EvalError?
    /// Whether the first failure has been logged whole.
    var loggedFailure = false
  }

  /// Asks the model about every pending example of the slice, `concurrency` at a time, and
  /// appends each result line as its answer arrives.
  ///
  /// Stops scheduling on Ctrl-C (or SIGTERM, SIGHUP), on a fatal adapter error or after too
  /// many failures in a row; examples in flight are always finished and written.
  func evaluateSlice(
    _ plan: Plan, modelName: String, results: AppendFile, progress: @escaping @Sendable (Progress) -> Void
  ) async -> Tally {
    var pending: PendingExamples
    do throws(EvalError) {
      pending = try PendingExamples(
        file: plan.tasks, slice: plan.slice, answered: plan.previous, families: configuration.families)
    } catch {
      return Tally(stopReason: error)
    }
    let adapter = self.adapter
    var configured = configuration
    configured.fewShotPool = plan.fewShot
    let config = configured
    let mode = plan.mode
    return await withTaskGroup(of: ExampleOutcome.self, returning: Tally.self) { group in
      var tally = Tally()
      var inFlight = 0
      while tally.stopReason == nil, !Cancellation.isRequested {
        if inFlight >= plan.concurrency, let outcome = await group.next() {
          inFlight -= 1
          record(outcome, into: &tally, plan: plan, results: results, progress: progress)
          continue
        }
        let example: TaskExample
        do throws(EvalError) {
          guard let next = try pending.next() else { break }
          example = next
        } catch {
          tally.stopReason = error
          break
        }
        inFlight += 1
        group.addTask {
          await Self.evaluate(example, mode: mode, modelName: modelName, adapter: adapter, config: config)
        }
      }
      while let outcome = await group.next() {
        record(outcome, into: &tally, plan: plan, results: results, progress: progress)
      }
      tally.skippedSeen = pending.skippedSeen
      return tally
    }
  }

  /// Appends one finished example's line and counts it; a fatal outcome stops the run.
  private func record(
    _ outcome: ExampleOutcome, into tally: inout Tally, plan: Plan, results: AppendFile,
    progress: @Sendable (Progress) -> Void
  ) {
    switch outcome {
    case .finished(let result, let queries, let correct, let chance):
      do {
        var writer = JSONWriter()
        result.write(to: &writer)
        try results.appendLine(writer.bytes)
      } catch {
        tally.stopReason = tally.stopReason ?? .io("cannot append to '\(results.path)': \(error)")
        return
      }
      if let error = result.error {
        // The first failure is printed whole (a timeout says which flag to raise); later
        // ones are counted in the progress line and recorded in results.jsonl.
        if !tally.loggedFailure {
          tally.loggedFailure = true
          log("[cwmbench] example '\(result.id)' failed: \(error)")
        }
        tally.failed += 1
        tally.consecutiveFailures += 1
        if tally.consecutiveFailures >= Self.abortAfterConsecutiveFailures, tally.stopReason == nil {
          tally.stopReason = .aborted(
            "stopping: the last \(tally.consecutiveFailures) examples all failed (last error: \(error)); "
              + "results so far are kept, run the same command again to resume")
        }
      } else {
        tally.consecutiveFailures = 0
      }
      tally.done += 1
      tally.queries += queries
      tally.correct += correct
      tally.chance += chance
      progress(Progress(done: plan.skipped + tally.done, total: plan.total, failed: tally.failed))
    case .fatal(let error):
      // The example is not recorded, so a resumed run asks again.
      tally.stopReason = tally.stopReason ?? .adapterFailed(error)
    }
  }
}

/// What became of one example.
enum ExampleOutcome: Sendable {
  /// Answered or failed after retries: recorded either way.
  case finished(ResultRecord, queries: Int, correct: Int, chance: Double)
  /// The model is gone or broke the protocol: the run stops, the example is not recorded.
  case fatal(String)
}
