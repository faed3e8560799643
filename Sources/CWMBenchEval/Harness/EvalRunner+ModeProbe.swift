import CWMBenchCore
import CWMBenchFormats
import Foundation

extension EvalRunner {
  /// The run's mode, and the probe record `run.json` keeps with it.
  ///
  /// `--mode` given: that mode, if the model has it. `auto` against a model that asks for it
  /// (`ModelInfo.probesAutoMode`: HTTP servers) on a fresh run: one generate and one score
  /// request on the slice's first example are timed (`AutoModeProbe`), and generate is chosen
  /// when score would take far longer, saying why in one line. A resumed run takes the mode
  /// its `run.json` recorded with a probe, without asking again; otherwise `auto` is `score`
  /// when the model has it, else `generate`.
  func chooseMode(
    _ info: ModelInfo, scan: TaskScan, slice: [Int], folder: RunDirectory, pool: FewShotPool?
  ) async throws(EvalError) -> (EvalMode, RunFile.ModeProbe?) {
    // An unreadable run.json is refused, with its reason, when the folder is prepared; it is
    // an earlier run all the same, so the server is not timed for a run that will not start.
    let resuming = !configuration.fresh && FileManager.default.fileExists(atPath: folder.runPath)
    let previous = resuming ? ((try? RunFile.read(at: folder.runPath)) ?? nil) : nil
    if configuration.mode == nil, let previous, let probe = previous.modeProbe, let mode = previous.mode,
      info.modes.contains(mode)
    {
      return (mode, probe)
    }
    let mode = try resolveMode(info)
    // The record stays with the run it describes: a resume with the mode it chose keeps it.
    let kept = previous?.mode == mode ? previous?.modeProbe : nil
    guard configuration.mode == nil, !resuming, info.probesAutoMode, mode == .score,
      info.modes.contains(.generate), !slice.isEmpty
    else { return (mode, kept) }
    var pending = try PendingExamples(file: scan.file, slice: slice, answered: [], families: configuration.families)
    guard let example = try pending.next(), !example.queries.isEmpty else { return (mode, nil) }
    let queries = Double(scan.queries) * Double(slice.count) / Double(max(1, scan.count))
    guard let probe = try await timeModes(on: example, examples: slice.count, queries: queries, pool: pool) else {
      return (mode, nil)
    }
    if probe.mode == .generate { log(probe.line) }
    return (probe.mode, probe.record)
  }

  /// Times one generate request (the first query) and then one score request on `example`,
  /// framed as the run frames it, each allowed `--start-timeout` (scaled with its size) when
  /// that is longer than `--timeout`; nil when either fails otherwise than by timing out.
  ///
  /// Generate goes first: a server's prefix cache then holds at most the first query's prompt
  /// when the score request comes, rather than the whole trace when the generate one does, and
  /// a score request that times out (the server may still be computing it) delays nothing after.
  private func timeModes(
    on example: TaskExample, examples: Int, queries: Double, pool: FewShotPool?
  ) async throws(EvalError) -> AutoModeProbe? {
    var config = configuration
    config.fewShotPool = pool
    // One attempt each: a retry's backoff would be timed as the server's.
    config.retries = 0
    // Part of start-up, so as patient as --start-timeout: a score request abandoned at the run's
    // --timeout goes on being computed by a one-request-at-a-time server (llama-cpp-python),
    // and the run's first generate requests would queue behind it and time out.
    config.timeout = max(config.timeout, config.startTimeout)
    let framing = ExampleFraming(example, settings: config.prompt, pool: pool)
    let generate = Self.generateRequest(
      example, query: 0, bytes: Array(example.text.utf8), framing: framing, config: config)
    let score = Self.scoreOperation(example, framing: framing)
    let adapter = self.adapter
    let frozen = config
    let measured: (generate: Result<Double, any Error>, score: Result<Double, any Error>)
    do {
      if Cancellation.isRequested { throw CancellationError() }
      measured = try await Cancellation.cancellingOnRequest {
        let generated = await Self.timed(
          generate.operation, messages: generate.messages, query: 0, example: example, adapter: adapter, config: frozen)
        guard case .success = generated else { return (generated, .failure(CancellationError())) }
        let scored = await Self.timed(
          score, messages: nil, query: nil, example: example, adapter: adapter, config: frozen)
        return (generated, scored)
      }
    } catch {
      throw .interruptedBeforeStart
    }
    if Cancellation.isRequested { throw .interruptedBeforeStart }
    guard case .success(let generateSeconds) = measured.generate else {
      if case .failure(let error) = measured.generate { log("[cwmbench] auto: cannot time generate mode (\(error))") }
      return nil
    }
    let scoreSeconds: Double
    var timedOut = false
    switch measured.score {
    case .success(let seconds): scoreSeconds = seconds
    case .failure(AdapterError.timeout(let seconds, _)):
      scoreSeconds = seconds
      timedOut = true
    case .failure(let error):
      log("[cwmbench] auto: cannot time score mode (\(error))")
      return nil
    }
    return AutoModeProbe(
      scoreSeconds: scoreSeconds, scoreTimedOut: timedOut, generateSeconds: generateSeconds, examples: examples,
      queries: queries)
  }

  /// Seconds one request took, with the run's timeout; the error when it failed.
  private static func timed(
    _ operation: ModelRequest.Operation, messages: [ChatMessage]?, query: Int?, example: TaskExample,
    adapter: any ModelAdapter, config: EvalConfiguration
  ) async -> Result<Double, any Error> {
    let started = ContinuousClock.now
    do {
      _ = try await send(
        operation, example: example, query: query, adapter: adapter, config: config, messages: messages)
    } catch {
      return .failure(error)
    }
    let elapsed = started.duration(to: .now)
    return .success(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
  }
}
