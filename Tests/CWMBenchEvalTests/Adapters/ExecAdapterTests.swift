import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// `exec:` against the Python test adapters in `Tests/Fixtures/adapters`.
///
/// Expected answers follow the rule documented in `_common.py`: score spans get
/// -(end - start) / 10 and are correct when their length is odd; generate returns the
/// prompt's length; choice gives candidate i -(i + 1) - len / 100.
@Suite struct ExecAdapterTests {
  typealias Support = AdapterTestSupport

  private static func operation(_ index: Int) -> ModelRequest.Operation {
    let text = String(repeating: ">>> a, b = b, a\n", count: index % 7 + 1) + "a \(index)"
    switch index % 3 {
    case 0: return .score(text: text, spans: [0..<(index % 5 + 1), 2..<(index % 4 + 4)])
    case 1: return .generate(prompt: text, maxTokens: 24, stop: ["\n"])
    default: return .choice(prompt: text, candidates: ["a 1", "a 22", "a \(index)"])
    }
  }

  private static func expected(_ operation: ModelRequest.Operation) -> ModelResponse {
    switch operation {
    case .score(_, let spans):
      return .score(spans.map { SpanScore(logprob: -Double($0.count) / 10, correct: $0.count % 2 == 1) })
    case .generate(let prompt, _, _):
      return .generate(String(prompt.utf8.count))
    case .choice(_, let candidates):
      return .choice(candidates.enumerated().map { -Double($0.offset + 1) - Double($0.element.count) / 100 })
    }
  }

  /// Sends requests 0..<count concurrently; each result is the response or the error.
  private static func sendAll(_ adapter: ExecAdapter, count: Int) async -> [Int: Result<ModelResponse, any Error>] {
    await withTaskGroup(of: (Int, Result<ModelResponse, any Error>).self) { group in
      for index in 0..<count {
        group.addTask {
          do {
            return (index, .success(try await adapter.send(Support.request("r\(index)", operation(index)))))
          } catch {
            return (index, .failure(error))
          }
        }
      }
      var results: [Int: Result<ModelResponse, any Error>] = [:]
      for await (index, result) in group { results[index] = result }
      return results
    }
  }

  private static func expectAllAnswered(_ results: [Int: Result<ModelResponse, any Error>], count: Int) {
    #expect(results.count == count)
    for index in 0..<count {
      switch results[index] {
      case .success(let response): #expect(response == expected(operation(index)), "request \(index)")
      case .failure(let error): Issue.record("request \(index) failed: \(error)")
      case nil: Issue.record("request \(index) has no result")
      }
    }
  }

  @Test func trivialAdapterAnswersPipelinedRequests() async throws {
    let log = LogRecorder()
    let adapter = ExecAdapter(command: Support.adapterCommand("trivial.py"), log: log.sink)
    let info = try await adapter.start()
    #expect(
      info
        == ModelInfo(name: "trivial", modes: [.score, .generate, .choice], trainLength: 64, preferredConcurrency: 64))
    Self.expectAllAnswered(await Self.sendAll(adapter, count: 300), count: 300)
    await adapter.shutdown()
    await #expect(throws: AdapterError.self) { try await adapter.send(Support.request("late", Self.operation(0))) }
  }

  @Test func outOfOrderAnswersReachTheirRequests() async throws {
    let log = LogRecorder()
    let adapter = ExecAdapter(command: Support.adapterCommand("out_of_order.py"), log: log.sink)
    _ = try await adapter.start()
    Self.expectAllAnswered(await Self.sendAll(adapter, count: 120), count: 120)
    await adapter.shutdown()
    #expect(log.all.contains("[adapter] out_of_order: ready"))
  }

  @Test func errorAnswersFailOnlyTheirRequest() async throws {
    let adapter = ExecAdapter(command: Support.adapterCommand("trivial.py"), log: { _ in })
    _ = try await adapter.start()
    await #expect(throws: AdapterError.model("context too long")) {
      try await adapter.send(
        Support.request("e", .generate(prompt: "ERROR:context too long\n", maxTokens: 4, stop: ["\n"])))
    }
    #expect(try await adapter.send(Support.request("ok", Self.operation(1))) == Self.expected(Self.operation(1)))
    await adapter.shutdown()
  }

  @Test func crashedAdapterIsRestartedAndUnansweredRequestsResent() async throws {
    let scratchFolder = try TemporaryDirectory()
    let scratch = URL(fileURLWithPath: scratchFolder.path)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let marker = scratch.appendingPathComponent("crashed")
    let log = LogRecorder()
    let adapter = ExecAdapter(
      command: Support.adapterCommand("crash_midway.py"),
      environment: ["CRASH_MARKER": marker.path, "CRASH_AFTER": "5"], log: log.sink)
    _ = try await adapter.start()
    Self.expectAllAnswered(await Self.sendAll(adapter, count: 60), count: 60)
    await adapter.shutdown()
    #expect(FileManager.default.fileExists(atPath: marker.path))
    #expect(log.all.contains { $0.contains("exited with status 3; restarting it (1 of 3)") })
    #expect(log.all.contains("[adapter] crash_midway: crashing on request 5"))
  }

  @Test func restartsAreBounded() async throws {
    let adapter = ExecAdapter(
      command: Support.adapterCommand("crash_midway.py"), environment: ["CRASH_AFTER": "3"], maxRestarts: 2,
      log: { _ in })
    _ = try await adapter.start()
    let results = await Self.sendAll(adapter, count: 30)
    var failures = 0
    for index in 0..<30 {
      switch results[index] {
      case .success(let response):
        #expect(response == Self.expected(Self.operation(index)))
      case .failure(let error):
        failures += 1
        #expect(error as? AdapterError == .unavailable("adapter process exited with status 3 after 2 restarts"))
      case nil:
        Issue.record("request \(index) has no result")
      }
    }
    // Each life answers at most 2 requests, so at most 6 of 30 can succeed.
    #expect(failures >= 24)
    await #expect(throws: AdapterError.unavailable("adapter process exited with status 3 after 2 restarts")) {
      try await adapter.send(Support.request("after", Self.operation(0)))
    }
    await adapter.shutdown()
  }

  @Test(arguments: [
    ("text", "wrote a line that is not JSON: 'Traceback"),
    ("unknown_id", "answered an unknown request: '{\"id\": \"no-such-id\""),
  ])
  func garbageFailsEveryRequestInFlight(kind: String, message: String) async throws {
    let log = LogRecorder()
    let adapter = ExecAdapter(
      command: Support.adapterCommand("garbage.py"), environment: ["GARBAGE_AFTER": "2", "GARBAGE_KIND": kind],
      log: log.sink)
    _ = try await adapter.start()
    for index in 0..<2 {
      #expect(
        try await adapter.send(Support.request("g\(index)", Self.operation(index)))
          == Self.expected(Self.operation(index)))
    }
    let results = await Self.sendAll(adapter, count: 10)
    for (_, result) in results {
      guard case .failure(let error) = result, case .protocolViolation(let text) = error as? AdapterError else {
        Issue.record("expected a protocol violation, got \(result)")
        continue
      }
      #expect(text.contains(message))
      #expect(text.count < 200)
    }
    await adapter.shutdown()
    #expect(log.all.contains { $0.contains("protocol violation") })
  }

  @Test func blankLinesAreIgnored() async throws {
    let adapter = ExecAdapter(
      command: Support.adapterCommand("garbage.py"), environment: ["GARBAGE_AFTER": "1", "GARBAGE_KIND": "blank"],
      log: { _ in })
    _ = try await adapter.start()
    for index in 0..<4 {
      #expect(
        try await adapter.send(Support.request("b\(index)", Self.operation(index)))
          == Self.expected(Self.operation(index)))
    }
    await adapter.shutdown()
  }

  @Test(arguments: [
    ("notok", "did not start: it refused hello: 'no weights'"),
    ("garbage", "did not start: it answered hello with 'Loading model... 10%', which is not a JSON object"),
    ("exit", "did not start: it exited with status 7 before answering hello"),
  ])
  func badHelloIsUnavailableWithStderr(kind: String, message: String) async throws {
    let adapter = ExecAdapter(
      command: Support.adapterCommand("bad_hello.py"), environment: ["BAD_HELLO": kind], log: { _ in })
    do {
      _ = try await adapter.start()
      Issue.record("start succeeded")
    } catch AdapterError.unavailable(let text) {
      #expect(text.contains(message), "\(text)")
      #expect(text.contains("bad_hello.py'"))
      #expect(text.contains("'bad_hello: FileNotFoundError: no weights'"), "\(text)")
    }
    await adapter.shutdown()
  }

  @Test func startCanBeCancelled() async throws {
    let adapter = ExecAdapter(
      command: Support.adapterCommand("bad_hello.py"), environment: ["BAD_HELLO": "silent"], log: { _ in })
    let starting = Task { try await adapter.start() }
    try await Task.sleep(for: .milliseconds(300))
    starting.cancel()
    await #expect(
      throws: AdapterError.unavailable("adapter '\(adapter.command)' was cancelled before it answered hello")
    ) {
      try await starting.value
    }
    await #expect(throws: AdapterError.self) { try await adapter.send(Support.request("x", Self.operation(0))) }
    await adapter.shutdown()
  }

  @Test func compoundCommandsRunWholeWithSignalsUnblocked() async throws {
    let log = LogRecorder()
    let directory = Support.fixtures.appendingPathComponent("adapters").path
    let adapter = ExecAdapter(
      command: "cd '\(directory)' && grep SigBlk /proc/self/status >&2 && python3 trivial.py", log: log.sink)
    #expect(try await adapter.start().name == "trivial")
    #expect(try await adapter.send(Support.request("x", Self.operation(1))) == Self.expected(Self.operation(1)))
    await adapter.shutdown()
    // The child must hear SIGTERM and Ctrl-C even though Swift's worker threads block them.
    #expect(log.all.contains("[adapter] SigBlk:\t0000000000000000"), "\(log.all)")
    #expect(AdapterProcess.shellScript(for: "python3 a.py --x 1") == "exec python3 a.py --x 1")
    #expect(AdapterProcess.shellScript(for: "cd d && python3 a.py") == "cd d && python3 a.py")
  }

  @Test func missingCommandIsUnavailable() async throws {
    let adapter = ExecAdapter(command: "/nonexistent/cwmbench-adapter --flag", log: { _ in })
    do {
      _ = try await adapter.start()
      Issue.record("start succeeded")
    } catch AdapterError.unavailable(let text) {
      #expect(text.hasPrefix("adapter '/nonexistent/cwmbench-adapter --flag' did not start: it exited with status 127"))
      #expect(text.contains("not found"), "\(text)")
    }
  }

  @Test func cancelledRequestsLateAnswersAreDropped() async throws {
    let adapter = ExecAdapter(
      command: Support.adapterCommand("out_of_order.py"), environment: ["ANSWER_DELAY": "2"], log: { _ in })
    _ = try await adapter.start()
    let slow = Task { try await adapter.send(Support.request("slow", Self.operation(1))) }
    // The answer takes 2 s, far longer than this pause can stretch on a busy machine, so the
    // request is always cancelled while in flight.
    try await Task.sleep(for: .milliseconds(50))
    slow.cancel()
    await #expect(throws: CancellationError.self) { try await slow.value }
    // The answer to the cancelled request arrives later and must not be taken for garbage.
    try await Task.sleep(for: .milliseconds(2300))
    #expect(try await adapter.send(Support.request("next", Self.operation(2))) == Self.expected(Self.operation(2)))
    await adapter.shutdown()
  }
}
