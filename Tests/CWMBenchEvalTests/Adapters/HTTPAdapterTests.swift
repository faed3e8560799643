import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// The HTTP adapter against `Tests/Fixtures/fake_openai_server.py`.
///
/// The fake model is character-level and its rule is documented in the server: a character
/// of an output line gets log(0.9) when it is the true output (the server runs the
/// statements) and log(0.01) otherwise, and the true character is always the top-1.
@Suite struct HTTPAdapterTests {
  typealias Support = AdapterTestSupport

  static let hit = log(0.9)
  static let miss = log(0.01)

  /// A trace whose first reveal is right ("a 2") and whose second is wrong (truth "b 1").
  static let trace = ">>> a = 1\n>>> b = 2\n>>> a, b = b, a\n>>> print('a', a)\na 2\n>>> print('b', b)\nb 5\n"

  static func span(of answer: String, in text: String) -> Range<Int> {
    let range = text.range(of: answer)!
    return text.utf8.distance(
      from: text.startIndex, to: range.lowerBound)..<text.utf8.distance(from: text.startIndex, to: range.upperBound)
  }

  static func expectClose(_ actual: Double, _ expected: Double, _ comment: Comment? = nil) {
    #expect(abs(actual - expected) < 1e-9, comment)
  }

  private func started(
    _ server: FakeOpenAIServer, chat: Bool = false, modelName: String? = nil, key: String? = nil,
    log: LogRecorder = LogRecorder()
  ) async throws -> (HTTPAdapter, ModelInfo) {
    let adapter = HTTPAdapter(baseURL: server.baseURL, modelName: modelName, chat: chat, apiKey: key, log: log.sink)
    return (adapter, try await adapter.start())
  }

  @Test func scoresSpansFromEchoedLogprobs() async throws {
    let server = try await FakeOpenAIServer.start()
    defer { server.stop() }
    let (adapter, info) = try await started(server)
    #expect(
      info
        == ModelInfo(
          name: "fake-char-model", modes: [.score, .choice, .generate], preferredConcurrency: 8, probesAutoMode: true))
    #expect(adapter.refusalReason == nil)
    let text = Self.trace
    let response = try await adapter.send(
      Support.request("s", .score(text: text, spans: [Self.span(of: "a 2", in: text), Self.span(of: "b 5", in: text)])))
    guard case .score(let spans) = response, spans.count == 2 else {
      Issue.record("unexpected response \(response)")
      return
    }
    Self.expectClose(spans[0].logprob, 3 * Self.hit)
    #expect(spans[0].correct)
    Self.expectClose(spans[1].logprob, 2 * Self.hit + Self.miss)
    #expect(!spans[1].correct)
    // The fake model's tokens are characters: three per answer; its greedy text stops at its mistake.
    #expect(spans.map(\.tokens) == [3, 3])
    #expect(spans[0].predicted == "a 2")
    let second = try #require(spans[1].predicted)
    #expect(second.hasPrefix("b ") && second.count == 3 && second != "b 5")
    await adapter.shutdown()
  }

  @Test func anAnswerTheModelWouldGoOnWritingIsWrong() async throws {
    let server = try await FakeOpenAIServer.start()
    defer { server.stop() }
    let (adapter, _) = try await started(server)
    // The model prints "a 22"; the trace's line is "a 2", so after the span the model's top is "2", not "\n".
    let text = ">>> a = 22\n>>> print('a', a)\na 2\n"
    let response = try await adapter.send(
      Support.request("s", .score(text: text, spans: [Self.span(of: "a 2", in: text)])))
    guard case .score(let spans) = response else {
      Issue.record("unexpected response \(response)")
      return
    }
    Self.expectClose(spans[0].logprob, 3 * Self.hit)  // the answer alone, each character the top one
    #expect(spans[0].predicted == "a 2")
    #expect(!spans[0].correct)
    await adapter.shutdown()
  }

  @Test func generatedTokenIsNotScored() async throws {
    let server = try await FakeOpenAIServer.start()
    defer { server.stop() }
    let (adapter, _) = try await started(server)
    // The span ends the text, so the server's one generated token ('\n', log 0.9) sits right after it.
    let text = String(Self.trace.dropLast(4)) + "b 1"
    let response = try await adapter.send(
      Support.request("s", .score(text: text, spans: [Self.span(of: "b 1", in: text)])))
    guard case .score(let spans) = response else {
      Issue.record("unexpected response \(response)")
      return
    }
    Self.expectClose(spans[0].logprob, 3 * Self.hit)
    #expect(spans[0].correct)
    await adapter.shutdown()
  }

  @Test func choiceScoresEveryCandidate() async throws {
    let server = try await FakeOpenAIServer.start()
    defer { server.stop() }
    let (adapter, _) = try await started(server)
    let prompt = String(Self.trace.dropLast(4))
    let candidates = ["b 1", "b 2", "b 5", "a 1", "b 12"]
    let response = try await adapter.send(Support.request("c", .choice(prompt: prompt, candidates: candidates)))
    guard case .choice(let logprobs) = response, logprobs.count == candidates.count else {
      Issue.record("unexpected response \(response)")
      return
    }
    Self.expectClose(logprobs[0], 3 * Self.hit)
    Self.expectClose(logprobs[1], 2 * Self.hit + Self.miss)
    Self.expectClose(logprobs[2], 2 * Self.hit + Self.miss)
    Self.expectClose(logprobs[3], 2 * Self.hit + Self.miss)
    // "b 12": the fourth character should have been the end of the line.
    Self.expectClose(logprobs[4], 3 * Self.hit + Self.miss)
    await adapter.shutdown()
  }

  @Test(arguments: [false, true])
  func generatesTheNextLine(chat: Bool) async throws {
    let server = try await FakeOpenAIServer.start()
    defer { server.stop() }
    let (adapter, info) = try await started(server, chat: chat)
    #expect(info.modes == (chat ? [.generate] : [.score, .choice, .generate]))
    let prompt = String(Self.trace.dropLast(4))
    // A chat reply comes back whole (the fake decorates it); the harness's --extract takes the line out.
    func answer(_ maxTokens: Int) async throws -> String? {
      guard
        case .generate(let text) = try await adapter.send(
          Support.request("g", .generate(prompt: prompt, maxTokens: maxTokens, stop: ["\n"])))
      else { return nil }
      if chat { #expect(text.hasSuffix("\n(continuing the session)")) }
      return chat ? AnswerExtraction.firstLine.answer(in: text) : text
    }
    #expect(try await answer(24) == "b 1")
    #expect(try await answer(2) == (chat ? "b" : "b "))
    await adapter.shutdown()
  }

  @Test func serverIgnoringEchoIsRefusedForScoreAndChoice() async throws {
    let server = try await FakeOpenAIServer.start(["--ignore-echo"])
    defer { server.stop() }
    let (adapter, info) = try await started(server, modelName: "fake-char-model")
    #expect(info.modes == [.generate])
    let reason = try #require(adapter.refusal(for: .score))
    #expect(reason.contains("llama-server") && reason.contains("--mode generate") && reason.contains("echo"))
    #expect(adapter.refusal(for: .generate) == nil)
    await #expect(throws: AdapterError.unsupportedMode(.score, model: "fake-char-model")) {
      try await adapter.send(Support.request("s", .score(text: Self.trace, spans: [0..<3])))
    }
    let prompt = String(Self.trace.dropLast(4))
    #expect(
      try await adapter.send(Support.request("g", .generate(prompt: prompt, maxTokens: 24, stop: ["\n"])))
        == .generate("b 1"))
    await adapter.shutdown()
  }

  @Test(arguments: [
    ("--fail-first", "server answered 500: internal server error (injected)"),
    ("--rate-limit-first", "server answered 429 (retry after '1'): rate limit reached (injected)"),
  ])
  func serverErrorsAreRetryable(flag: String, message: String) async throws {
    // The probe is the first POST and goes through; the next two fail.
    let server = try await FakeOpenAIServer.start([flag, "2", "--fault-skip", "1"])
    defer { server.stop() }
    let (adapter, _) = try await started(server)
    let prompt = String(Self.trace.dropLast(4))
    let request = Support.request("g", .generate(prompt: prompt, maxTokens: 24, stop: ["\n"]))
    for _ in 0..<2 {
      do {
        _ = try await adapter.send(request)
        Issue.record("the injected fault did not surface")
      } catch let error as AdapterError {
        #expect(error == .transient(message))
        #expect(error.isRetryable)
      }
    }
    #expect(try await adapter.send(request) == .generate("b 1"))
    await adapter.shutdown()
  }

  @Test func faultsDuringStartUpAreRetried() async throws {
    let server = try await FakeOpenAIServer.start(["--fail-first", "1", "--rate-limit-first", "1"])
    defer { server.stop() }
    let (_, info) = try await started(server)
    #expect(info.modes == [.score, .choice, .generate])
  }

  @Test func slowAnswersStillArrive() async throws {
    let server = try await FakeOpenAIServer.start(["--delay", "0.2"])
    defer { server.stop() }
    let (adapter, _) = try await started(server)
    let prompt = String(Self.trace.dropLast(4))
    try await withThrowingTaskGroup(of: ModelResponse.self) { group in
      for index in 0..<8 {
        group.addTask {
          try await adapter.send(Support.request("g\(index)", .generate(prompt: prompt, maxTokens: 24, stop: ["\n"])))
        }
      }
      for try await response in group { #expect(response == .generate("b 1")) }
    }
    await adapter.shutdown()
  }

  @Test func cancelledRequestsReturnPromptly() async throws {
    let server = try await FakeOpenAIServer.start(["--delay", "5", "--fault-skip", "1"])
    defer { server.stop() }
    let adapter = HTTPAdapter(
      baseURL: server.baseURL, modelName: "fake-char-model", chat: true, apiKey: nil, log: { _ in })
    _ = try await adapter.start()
    let request = Task {
      try await adapter.send(Support.request("g", .generate(prompt: "x", maxTokens: 4, stop: ["\n"])))
    }
    try await Task.sleep(for: .milliseconds(200))
    request.cancel()
    // Without cancellation the server's answer would arrive after 5 s and this would succeed.
    await #expect(throws: CancellationError.self) { try await request.value }
    await adapter.shutdown()
  }

  @Test func garbageIsAProtocolViolation() async throws {
    let server = try await FakeOpenAIServer.start(["--garbage", "--fault-skip", "1"])
    defer { server.stop() }
    let (adapter, _) = try await started(server)
    do {
      _ = try await adapter.send(
        Support.request("s", .score(text: Self.trace, spans: [Self.span(of: "a 2", in: Self.trace)])))
      Issue.record("garbage was accepted")
    } catch AdapterError.protocolViolation(let text) {
      #expect(text.contains("not JSON") && text.contains("502 Bad Gateway"), "\(text)")
    }
    await adapter.shutdown()
  }

  @Test func clientErrorsFailWithTheServersMessage() async throws {
    let server = try await FakeOpenAIServer.start()
    defer { server.stop() }
    // Chat mode sends nothing at start-up when the model is named, so the 404 comes from send.
    let (adapter, _) = try await started(server, chat: true, modelName: "no-such-model")
    await #expect(throws: AdapterError.model("server answered 404: The model `no-such-model` does not exist.")) {
      try await adapter.send(Support.request("g", .generate(prompt: "x", maxTokens: 4, stop: ["\n"])))
    }
    // In completion mode the probe meets the 404 and start-up fails with it.
    let plain = HTTPAdapter(
      baseURL: server.baseURL, modelName: "no-such-model", chat: false, apiKey: nil, log: { _ in })
    await #expect(
      throws: AdapterError.unavailable(
        "cannot use the server at '\(server.baseURL.absoluteString)': model error: server answered 404: The model `no-such-model` does not exist."
      )
    ) {
      try await plain.start()
    }
  }

  @Test func serverThatIsDownIsUnavailable() async throws {
    let server = try await FakeOpenAIServer.start()
    let url = server.baseURL
    server.stop()
    let adapter = HTTPAdapter(baseURL: url, modelName: nil, chat: false, apiKey: nil, log: { _ in })
    do {
      _ = try await adapter.start()
      Issue.record("start succeeded")
    } catch AdapterError.unavailable(let text) {
      #expect(text.contains("cannot reach '\(url.absoluteString)'"), "\(text)")
    }
  }

  @Test func apiKeyGoesOnlyInTheHeader() async throws {
    let secret = "sk-test-\(UUID().uuidString)"
    let scratchFolder = try TemporaryDirectory()
    let scratch = URL(fileURLWithPath: scratchFolder.path)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let requestLog = scratch.appendingPathComponent("requests.jsonl")
    let server = try await FakeOpenAIServer.start(["--require-key", secret, "--log", requestLog.path])
    defer { server.stop() }
    let log = LogRecorder()
    let (adapter, _) = try await started(server, key: secret, log: log)
    _ = try await adapter.send(
      Support.request("s", .score(text: Self.trace, spans: [Self.span(of: "a 2", in: Self.trace)])))
    await adapter.shutdown()
    let lines = try String(contentsOf: requestLog, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { $0.contains("\"authorization\": true") })
    #expect(!log.all.isEmpty && log.all.allSatisfy { !$0.contains(secret) })

    let keyless = HTTPAdapter(baseURL: server.baseURL, modelName: nil, chat: false, apiKey: "wrong", log: log.sink)
    do {
      _ = try await keyless.start()
      Issue.record("a wrong key was accepted")
    } catch AdapterError.unavailable(let text) {
      #expect(text.contains("401: Incorrect API key provided."), "\(text)")
      #expect(!text.contains(secret) && !text.contains("wrong"))
    }
  }

  @Test func apiKeyComesFromTheEnvironment() {
    #expect(HTTPAdapter.apiKey(from: ["OPENAI_API_KEY": "b", "CWMBENCH_API_KEY": "a"]) == "a")
    #expect(HTTPAdapter.apiKey(from: ["OPENAI_API_KEY": "b", "CWMBENCH_API_KEY": ""]) == "b")
    #expect(HTTPAdapter.apiKey(from: ["PATH": "/bin"]) == nil)
  }
}
