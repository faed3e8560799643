import CWMBenchCore
import CWMBenchFormats
import Foundation
import Synchronization

/// The tracer processes of one generation run: one per worker thread that asks, started on
/// demand, handed out one request at a time, and all ended by `shutdown()`.
public final class TracerPool: Sendable {
  /// What the tracer said about itself (`hello`) and its corpus (`list`).
  public struct Hello: Sendable, Hashable {
    /// `platform.python_version()`, e.g. `3.11.7`.
    public var python: String
    /// `CPython`.
    public var implementation: String
    /// SHA-256 over the corpus files, hex.
    public var corpusSHA256: String
    /// The program names, in name order.
    public var programs: [String]
  }

  /// The protocol this client speaks.
  public static let protocolName = "cwmbench-programs/1"

  /// How the tracers are found and run.
  public let configuration: TracerConfiguration
  /// The first tracer's hello and program list; every later one runs the same files.
  public let hello: Hello
  private let script: String
  private let state = Mutex(State())

  private struct State {
    var idle: [TracerProcess] = []
    var started: [Int32] = []
    var closed = false
    var nextID = 1
  }

  /// Starts the first tracer and reads its hello and program list.
  public init(configuration: TracerConfiguration = .fromEnvironment()) throws(GenerationFailure) {
    self.configuration = configuration
    try configuration.checkPython()
    let script = try configuration.tracerScript()
    self.script = script
    let first = try Self.start(script: script, configuration: configuration)
    let fail = { (what: String) in
      first.terminate(seconds: 0.5)
      return GenerationFailure(reason: "programs: the tracer (python3 \(script)) \(what)")
    }
    let helloLine: [UInt8], listLine: [UInt8]
    do {
      helloLine = try first.readLine(timeout: configuration.timeout)
      listLine = try first.request(Array("{\"op\": \"list\"}\n".utf8), timeout: configuration.timeout)
    } catch {
      throw fail(Self.describe(error))
    }
    guard let hello = try? JSONParser.parse(helloLine), hello["op"]?.stringValue == "hello",
      let python = hello["python"]?.stringValue, let implementation = hello["implementation"]?.stringValue,
      let digest = hello["corpus_sha256"]?.stringValue
    else { throw fail("did not start with a hello line: '\(String(decoding: helloLine.prefix(200), as: UTF8.self))'") }
    guard hello["protocol"]?.stringValue == Self.protocolName else {
      throw fail("speaks protocol '\(hello["protocol"]?.stringValue ?? "?")', not '\(Self.protocolName)'")
    }
    guard let list = try? JSONParser.parse(listLine), case .array(let entries)? = list["programs"] else {
      throw fail("did not answer the list request with a program list")
    }
    let names = entries.compactMap { $0["name"]?.stringValue }
    guard !names.isEmpty, names.count == entries.count else { throw fail("listed no programs") }
    self.hello = Hello(
      python: python, implementation: implementation, corpusSHA256: digest, programs: names.sorted(by: Self.precedes))
    state.withLock {
      $0.idle.append(first)
      $0.started.append(first.pid)
    }
  }

  deinit { shutdown() }

  /// Byte order of names, so the cycle through the corpus never depends on the locale.
  static func precedes(_ lhs: String, _ rhs: String) -> Bool { Array(lhs.utf8).lexicographicallyPrecedes(rhs.utf8) }

  private static func start(script: String, configuration: TracerConfiguration) throws(GenerationFailure)
    -> TracerProcess
  {
    do { return try TracerProcess(script: script, configuration: configuration) } catch {
      throw GenerationFailure(reason: "programs: cannot start python3 \(script): \(error.localizedDescription)")
    }
  }

  private static func describe(_ error: TracerProcess.Failure) -> String {
    switch error {
    case .timedOut(let seconds):
      return "gave no answer within \(formatNumber(seconds)) s and was killed"
        + " (a hang outside Python code? CWMBENCH_TRACE_TIMEOUT sets the limit)"
    case .exited(let status, let stderr):
      return status + (stderr.isEmpty ? "" : ": " + stderr)
    }
  }

  /// The pids of every tracer started so far (for tests: all must be gone after `shutdown`).
  public var processIDs: [Int32] { state.withLock { $0.started } }

  /// Traces `program` on the input drawn from `seed`, scaled to about `length` line events.
  ///
  /// An error answer, a timeout or a tracer that died fails naming the program and seed; a
  /// program that raises is not an error (its exception frames are in the trace).
  public func trace(program: String, seed: UInt64, length: Int) throws(GenerationFailure) -> ProgramTrace {
    let what = "program '\(program)' (seed \(seed), length \(length))"
    let (reused, id, closed) = state.withLock { state -> (TracerProcess?, Int, Bool) in
      defer { state.nextID += 1 }
      return (state.idle.popLast(), state.nextID, state.closed)
    }
    if closed { throw GenerationFailure(reason: "programs: tracing \(what): the tracers were already stopped") }
    let tracer: TracerProcess
    if let reused {
      tracer = reused
    } else {
      tracer = try Self.start(script: script, configuration: configuration)
      let pid = tracer.pid
      state.withLock { $0.started.append(pid) }
      do { _ = try tracer.readLine(timeout: configuration.timeout) } catch {
        throw GenerationFailure(reason: "programs: the tracer (python3 \(script)) \(Self.describe(error))")
      }
    }
    var writer = JSONWriter()
    writer.writeRaw("{\"id\": ")
    writer.writeInt(id)
    writer.writeRaw(", \"length\": ")
    writer.writeInt(length)
    writer.writeRaw(", \"program\": ")
    writer.writeString(program)
    writer.writeRaw(", \"seed\": \(seed)}\n")
    let answerLine: [UInt8]
    do { answerLine = try tracer.request(writer.bytes, timeout: configuration.timeout) } catch {
      tracer.terminate(seconds: 0.5)
      throw GenerationFailure(
        reason: "programs: tracing \(what): the tracer (python3 \(script)) \(Self.describe(error))")
    }
    let answer: JSONValue
    do { answer = try JSONParser.parse(answerLine) } catch {
      tracer.terminate(seconds: 0.5)
      throw GenerationFailure(reason: "programs: tracing \(what): the tracer's answer is not JSON (\(error))")
    }
    guard answer["id"]?.intValue == id else {
      tracer.terminate(seconds: 0.5)
      throw GenerationFailure(reason: "programs: tracing \(what): the tracer answered another request")
    }
    checkIn(tracer)
    guard answer["ok"]?.boolValue == true else {
      let message = answer["error"]?.stringValue ?? "no error message"
      throw GenerationFailure(reason: "programs: tracing \(what) failed: \(message)")
    }
    do { return try ProgramTrace(json: answer) } catch {
      throw GenerationFailure(reason: "programs: tracing \(what): \(error)")
    }
  }

  private func checkIn(_ tracer: TracerProcess) {
    let keep = state.withLock { state -> Bool in
      if state.closed { return false }
      state.idle.append(tracer)
      return true
    }
    if !keep { tracer.terminate() }
  }

  /// Ends every idle tracer (stdin closed, then killed if it lingers); those in use end when
  /// handed back. Later requests fail.
  public func shutdown() {
    let idle = state.withLock { state -> [TracerProcess] in
      state.closed = true
      defer { state.idle = [] }
      return state.idle
    }
    for tracer in idle { tracer.terminate() }
  }
}
