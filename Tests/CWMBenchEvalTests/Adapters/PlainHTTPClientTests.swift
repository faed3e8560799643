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
