import CWMBenchCore
import CWMBenchFormats
import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `exec:COMMAND`: a long-lived child process speaking `cwmbench/1` on stdin/stdout (docs/protocol.md).
///
/// Requests are pipelined: `send` writes a line and suspends until the answer with the same
/// id arrives, in whatever order the adapter answers. Ids on the wire are the adapter's own
/// counter, so a late answer to a request the harness gave up on is recognised and dropped.
/// A process that exits is restarted up to `maxRestarts` times and its unanswered requests
/// are re-sent; a process that writes something that is not an answer fails every request
/// in flight, because nothing it says can be trusted any more.
public final class ExecAdapter: ModelAdapter {
  /// The command, as given after `exec:`.
  public let command: String
  /// Variables added to the child's environment.
  public let environment: [String: String]
  /// How many times a process that exits is started again.
  public let maxRestarts: Int
  /// Restarts allowed unless told otherwise; `eval --help` shows this value.
  public static let defaultMaxRestarts = 3
  /// Requests in flight when neither the hello's `max_concurrency` nor `--concurrency` says.
  public static let defaultConcurrency = 64
  /// The most requests in flight a hello may ask for.
  public static let maximumConcurrency = 4096
  private let log: @Sendable (String) -> Void
  private let state = Mutex(State())

  /// Creates an adapter; nothing runs until `start()`.
  public init(
    command: String, environment: [String: String] = [:], maxRestarts: Int = defaultMaxRestarts,
    log: @escaping @Sendable (String) -> Void
  ) {
    self.command = command
    self.environment = environment
    self.maxRestarts = maxRestarts
    self.log = log
  }

  private enum Phase {
    case idle
    case starting
    case ready
    case failed(AdapterError)
    case shutDown
  }

  private struct Pending {
    var line: [UInt8]
    var expected: ExpectedAnswer
    var continuation: CheckedContinuation<ModelResponse, any Error>
  }

  private struct State {
    var phase = Phase.idle
    var process: AdapterProcess?
    var generation = 0
    var restarts = 0
    var nextID = 0
    var pending: [Int: Pending] = [:]
    var abandoned: Set<Int> = []
    var info: ModelInfo?
    var startWaiter: CheckedContinuation<ModelInfo, any Error>?
    var helloFailure: String?
  }

  // MARK: - ModelAdapter

  /// Starts the process and performs the `hello` handshake.
  public func start() async throws -> ModelInfo {
    // A child that dies mid-write must give us EPIPE, not kill the harness.
    signal(SIGPIPE, SIG_IGN)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let refusal = state.withLock { state -> (any Error)? in
          if Task.isCancelled { return CancellationError() }
          guard case .idle = state.phase else {
            return AdapterError.unavailable("adapter '\(command)' was already started")
          }
          state.startWaiter = continuation
          state.phase = .starting
          return nil
        }
        if let refusal {
          continuation.resume(throwing: refusal)
        } else {
          launch()
        }
      }
    } onCancel: {
      // A harness that gives up on a slow start-up must not leave the process behind.
      let process = state.withLock { state -> AdapterProcess? in
        guard case .starting = state.phase, state.startWaiter != nil else { return nil }
        return state.process
      }
      fail(with: .unavailable("adapter '\(command)' was cancelled before it answered hello"))
      process?.send(signal: SIGKILL)
    }
  }

  /// Sends one request and waits for its answer.
  public func send(_ request: ModelRequest) async throws -> ModelResponse {
    let id = state.withLock { state -> Int in
      state.nextID += 1
      return state.nextID
    }
    let line = Self.requestLine(request.operation, id: String(id), temperature: request.temperature)
    let expected = Self.expectedAnswer(for: request.operation)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let outcome = state.withLock { state -> Result<AdapterProcess?, any Error> in
          if Task.isCancelled { return .failure(CancellationError()) }
          switch state.phase {
          case .failed(let error): return .failure(error)
          case .idle, .shutDown: return .failure(AdapterError.unavailable("adapter '\(command)' is not running"))
          case .starting:
            // Sent after the (re)start's handshake, with everything else unanswered.
            state.pending[id] = Pending(line: line, expected: expected, continuation: continuation)
            return .success(nil)
          case .ready:
            state.pending[id] = Pending(line: line, expected: expected, continuation: continuation)
            return .success(state.process)
          }
        }
        switch outcome {
        case .failure(let error): continuation.resume(throwing: error)
        case .success(let process): process?.enqueue(line)
        }
      }
    } onCancel: {
      let cancelled = state.withLock { state -> Pending? in
        guard let pending = state.pending.removeValue(forKey: id) else { return nil }
        state.abandoned.insert(id)
        return pending
      }
      cancelled?.continuation.resume(throwing: CancellationError())
    }
  }

  /// Closes the child's stdin, gives it two seconds to exit, then terminates it.
  public func shutdown() async {
    let (process, orphans) = state.withLock { state -> (AdapterProcess?, [Pending]) in
      state.phase = .shutDown
      let orphans = Array(state.pending.values)
      state.pending = [:]
      defer { state.process = nil }
      return (state.process, orphans)
    }
    for orphan in orphans {
      orphan.continuation.resume(throwing: AdapterError.unavailable("adapter '\(command)' was shut down"))
    }
    guard let process else { return }
    process.closeStdin()
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      DispatchQueue.global().async {
        if !process.waitForExit(seconds: 2) {
          process.send(signal: SIGTERM)
          if !process.waitForExit(seconds: 2) {
            process.send(signal: SIGKILL)
            _ = process.waitForExit(seconds: 2)
          }
        }
        done.resume()
      }
    }
  }

  // MARK: - Process lifecycle

  /// Starts a new process generation and sends it `hello`; called in phase `.starting`.
  private func launch() {
    let generation = state.withLock { state -> Int in
      state.generation += 1
      state.helloFailure = nil
      state.abandoned = []
      return state.generation
    }
    let callbacks = AdapterProcess.Callbacks(
      line: { [self] line in handleLine(line, generation: generation) },
      overlong: { [self] length in handleOverlong(length, generation: generation) },
      stderrLine: { [log] line in log("[adapter] " + TerminalText.escapingControlCharacters(line)) },
      exit: { [self] exit, stderr in handleExit(exit, stderr: stderr, generation: generation) })
    do {
      let process = try AdapterProcess(command: command, environment: environment, callbacks: callbacks)
      let current = state.withLock { state -> Bool in
        guard state.generation == generation, case .starting = state.phase, state.helloFailure == nil else {
          return false
        }
        state.process = process
        return true
      }
      if current {
        process.enqueue(Self.helloLine())
      } else {
        process.send(signal: SIGKILL)
      }
    } catch {
      fail(with: .unavailable("adapter '\(command)' could not be launched: \(error)"))
    }
  }

  private func handleLine(_ line: ArraySlice<UInt8>, generation: Int) {
    enum Action {
      case none
      case started(CheckedContinuation<ModelInfo, any Error>?, ModelInfo, AdapterProcess?, [UInt8])
      case handshakeFailed(AdapterProcess?)
      case answer(Pending, JSONValue)
      case violation([Pending], AdapterProcess?, AdapterError)
    }
    // A stray blank line (an extra print()) carries nothing and is not worth failing a run over.
    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
    let value = try? JSONParser.parse(line)
    let action = state.withLock { state -> Action in
      guard state.generation == generation else { return .none }
      switch state.phase {
      case .idle, .failed, .shutDown:
        return .none
      case .starting:
        // After a refused hello, nothing more this process says counts; it is being killed.
        guard state.helloFailure == nil else { return .none }
        switch Self.decodeHello(line, command: command) {
        case .failure(let failure):
          // The waiter is answered from handleExit, once stderr has been drained into the message.
          state.helloFailure = failure.reason
          return .handshakeFailed(state.process)
        case .success(let info):
          state.phase = .ready
          let waiter = state.startWaiter
          state.startWaiter = nil
          if state.info == nil { state.info = info }
          var resend: [UInt8] = []
          for id in state.pending.keys.sorted() { resend += state.pending[id]!.line }
          return .started(waiter, state.info ?? info, state.process, resend)
        }
      case .ready:
        let id: Int? =
          switch value?["id"] {
          case .string(let text): Int(text)
          case .int(let number): number
          default: nil
          }
        if let id, let value, let pending = state.pending.removeValue(forKey: id) {
          return .answer(pending, value)
        }
        if let id, state.abandoned.remove(id) != nil { return .none }
        let excerpt = Self.excerpt(line)
        let message: String
        if value == nil {
          message = "adapter '\(command)' wrote a line that is not JSON: '\(excerpt)'"
        } else if let id, id >= 1, id <= state.nextID {
          // Ids count up from 1 and are never reused: one that was sent, and is neither pending
          // nor abandoned, has been answered already.
          message = "adapter '\(command)' answered request '\(id)' a second time: '\(excerpt)'"
        } else {
          message = "adapter '\(command)' answered an unknown request: '\(excerpt)'"
        }
        let error = AdapterError.protocolViolation(message)
        state.phase = .failed(error)
        let orphans = Array(state.pending.values)
        state.pending = [:]
        return .violation(orphans, state.process, error)
      }
    }
    switch action {
    case .none:
      break
    case .started(let waiter, let info, let process, let resend):
      if !resend.isEmpty { process?.enqueue(resend) }
      waiter?.resume(returning: info)
    case .handshakeFailed(let process):
      process?.send(signal: SIGKILL)
    case .answer(let pending, let value):
      do {
        pending.continuation.resume(returning: try Self.decodeAnswer(value, expected: pending.expected))
      } catch {
        pending.continuation.resume(throwing: error)
      }
    case .violation(let orphans, let process, let error):
      log("[cwmbench] \(error)")
      for orphan in orphans { orphan.continuation.resume(throwing: error) }
      process?.send(signal: SIGKILL)
    }
  }

  /// A line longer than the protocol allows: the run stops as for any protocol violation.
  private func handleOverlong(_ length: Int, generation: Int) {
    let error = AdapterError.protocolViolation(
      "adapter '\(command)' wrote a line of \(length) bytes; protocol lines are at most "
        + "\(LineSplitter.maximumLineBytes >> 20) MiB (docs/protocol.md)")
    let (orphans, process) = state.withLock { state -> ([Pending], AdapterProcess?) in
      guard state.generation == generation else { return ([], nil) }
      if case .starting = state.phase {
        state.helloFailure = error.description
        return ([], state.process)
      }
      state.phase = .failed(error)
      let orphans = Array(state.pending.values)
      state.pending = [:]
      return (orphans, state.process)
    }
    log("[cwmbench] \(error)")
    for orphan in orphans { orphan.continuation.resume(throwing: error) }
    process?.send(signal: SIGKILL)
  }

  private func handleExit(_ exit: AdapterProcess.Exit, stderr: [String], generation: Int) {
    enum Action {
      case none
      case restart
      case fail(AdapterError)
    }
    let action = state.withLock { state -> Action in
      guard state.generation == generation else { return .none }
      state.process = nil
      switch state.phase {
      case .idle, .failed, .shutDown:
        return .none
      case .starting where state.startWaiter != nil:
        let reason = state.helloFailure ?? "it \(exit) before answering hello"
        return .fail(.unavailable("adapter '\(command)' did not start: \(reason)\(Self.stderrSummary(stderr))"))
      case .starting, .ready:
        guard state.restarts < maxRestarts else {
          let restarts = state.restarts == 1 ? "1 restart" : "\(state.restarts) restarts"
          return .fail(.unavailable("adapter process exited with \(Self.status(exit)) after \(restarts)"))
        }
        state.restarts += 1
        state.phase = .starting
        return .restart
      }
    }
    switch action {
    case .none:
      break
    case .restart:
      let restarts = state.withLock { $0.restarts }
      log("[cwmbench] adapter '\(command)' \(exit); restarting it (\(restarts) of \(maxRestarts))")
      launch()
    case .fail(let error):
      fail(with: error)
    }
  }

  /// Puts the adapter in its failed state and fails the start-up waiter and every request in flight.
  private func fail(with error: AdapterError) {
    let (waiter, orphans) = state.withLock { state in
      state.phase = .failed(error)
      let waiter = state.startWaiter
      state.startWaiter = nil
      let orphans = Array(state.pending.values)
      state.pending = [:]
      return (waiter, orphans)
    }
    waiter?.resume(throwing: error)
    for orphan in orphans { orphan.continuation.resume(throwing: error) }
  }

  private static func status(_ exit: AdapterProcess.Exit) -> String {
    switch exit {
    case .status(let code): return "status \(code)"
    case .signal(let number): return "signal \(number)"
    }
  }

  private static func stderrSummary(_ lines: [String]) -> String {
    guard !lines.isEmpty else { return "" }
    return "; its last stderr lines: " + lines.map { "'\($0)'" }.joined(separator: " ")
  }
}
