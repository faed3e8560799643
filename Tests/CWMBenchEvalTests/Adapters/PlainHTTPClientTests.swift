import CWMBenchFamilies
import CWMBenchGenerate
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// The plain HTTP client against answers URLSession used to handle for it (issue 15, item 6).
@Suite struct PlainHTTPClientTests {
  @Test func chunkedAnswerOnAConnectionLeftOpenIsRead() async throws {
    let server = try await FakeOpenAIServer.start(["--chunked"], timeLimit: 600)
    defer { server.stop() }
    let adapter = HTTPAdapter(baseURL: server.baseURL, modelName: nil, chat: false, apiKey: nil, log: { _ in })
    // The server never closes the connection: only the last chunk ends the answer. 60 s is far
    // beyond a loopback answer, even on a loaded 2-core machine, and far below the server's
    // 600 s life, whose end would close the connection and hide a client that waits for it.
    let info = try await EvalRunner.withTimeout(60) { try await adapter.start() }
    #expect(info.modes == [.score, .choice, .generate])
    let prompt = String(HTTPAdapterTests.trace.dropLast(4))
    let response = try await EvalRunner.withTimeout(60) {
      try await adapter.send(AdapterTestSupport.request("c", .generate(prompt: prompt, maxTokens: 24, stop: ["\n"])))
    }
    #expect(response == .generate("b 1"))
    await adapter.shutdown()
  }

  @Test func cancellingAWaitingRequestReturnsAtOnce() async throws {
    let server = try await FakeOpenAIServer.start(["--delay", "30"])
    defer { server.stop() }
    let adapter = HTTPAdapter(
      baseURL: server.baseURL, modelName: "fake-char-model", chat: true, apiKey: nil, log: { _ in })
    _ = try await adapter.start()
    let request = AdapterTestSupport.request("slow", .generate(prompt: ">>> a = 1\n", maxTokens: 4, stop: ["\n"]))
    // The watchdog cancels the request after 1 s; the blocked read must wake then, not after 30 s.
    await #expect(throws: AdapterError.timeout(seconds: 1)) {
      try await EvalRunner.withTimeout(1) { try await adapter.send(request) }
    }
    await adapter.shutdown()
  }
}

/// Lengths from the server checked before any arithmetic (issue 22, items 1 and 16).
@Suite struct PlainHTTPClientLengthTests {
  /// Lengths that do not fit (negative, near `Int.max`, past the 256 MiB cap, not decimal) and
  /// chunk sizes past the cap, at and beyond 64 bits: each fails the request with a retryable
  /// error naming the field, instead of trapping on overflow.
  @Test(arguments: [
    (["--content-length", "-5"], "Content-Length '-5'"),
    (["--content-length", "9223372036854775807"], "Content-Length '9223372036854775807'"),
    (["--content-length", "99999999999999999999999"], "Content-Length '99999999999999999999999'"),
    (["--content-length", "268435457"], "Content-Length '268435457'"),
    (["--content-length", "0x10"], "Content-Length '0x10'"),
    (["--chunk-size", "7fffffffffffffff"], "chunk of '7fffffffffffffff'"),
    (["--chunk-size", "ffffffffffffffffffff"], "chunk of 'ffffffffffffffffffff'"),
    (["--chunk-size", "-5"], "bad chunk size '-5'"),
  ])
  func impossibleLengthsFailTheRequestRetryably(arguments: [String], named: String) async throws {
    let server = try await FakeOpenAIServer.start(arguments, fixture: "raw_http_server.py")
    defer { server.stop() }
    let adapter = HTTPAdapter(baseURL: server.baseURL, modelName: nil, chat: false, apiKey: nil, log: { _ in })
    do {
      let answer = try await EvalRunner.withTimeout(60) { try await adapter.get("models") }
      Issue.record("the answer was accepted: \(answer)")
    } catch let error as AdapterError {
      guard case .transient(let message) = error else {
        Issue.record("expected a retryable failure, got \(error)")
        return
      }
      #expect(error.isRetryable)
      #expect(message.contains(named), "\(message)")
      #expect(message.contains("malformed HTTP message"), "\(message)")
    }
    await adapter.shutdown()
  }

  /// 4 MB in 16-byte chunks: linear reading takes a fraction of a second on loopback, the old
  /// quadratic one about a minute. The bound leaves a loaded 2-core machine twenty times slack.
  @Test func chunkedAnswerInSmallChunksIsReadInLinearTime() async throws {
    let size = 4 << 20
    let server = try await FakeOpenAIServer.start(
      ["--chunked-bytes", String(size)], timeLimit: 300, fixture: "raw_http_server.py")
    defer { server.stop() }
    let adapter = HTTPAdapter(baseURL: server.baseURL, modelName: "raw", chat: true, apiKey: nil, log: { _ in })
    _ = try await adapter.start()
    let request = AdapterTestSupport.request("big", .generate(prompt: ">>> a = 1\n", maxTokens: 4, stop: ["\n"]))
    let started = ContinuousClock.now
    let response = try await EvalRunner.withTimeout(10) { try await adapter.send(request) }
    let elapsed = ContinuousClock.now - started
    #expect(response == .generate(String(repeating: "a", count: size)))
    #expect(elapsed < .seconds(10))
    await adapter.shutdown()
  }
}
