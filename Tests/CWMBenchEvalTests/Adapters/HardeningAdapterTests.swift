import CWMBenchFamilies
import CWMBenchGenerate
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// Issue 15's adapter-level cases: a second answer to one id, character offsets, secrets, timeouts, decimals.
@Suite struct HardeningAdapterTests {
  typealias Support = AdapterTestSupport

  @Test func secondAnswerToOneIDIsNamedAsSuch() async throws {
    let log = LogRecorder()
    let adapter = ExecAdapter(
      command: Support.adapterCommand("garbage.py"), environment: ["GARBAGE_AFTER": "1", "GARBAGE_KIND": "duplicate"],
      log: log.sink)
    _ = try await adapter.start()
    let operation = ModelRequest.Operation.generate(prompt: ">>> a = 1\n", maxTokens: 4, stop: ["\n"])
    #expect(try await adapter.send(Support.request("d0", operation)) == .generate("10"))
    // The second request is answered twice: the first copy answers it, the second is the violation.
    #expect(try await adapter.send(Support.request("d1", operation)) == .generate("10"))
    do {
      _ = try await adapter.send(Support.request("d2", operation))
      Issue.record("the duplicate answer went unnoticed")
    } catch let error as AdapterError {
      guard case .protocolViolation(let text) = error else {
        Issue.record("expected a protocol violation, got \(error)")
        return
      }
      #expect(text.contains("answered request '2' a second time"), "\(text)")
      #expect(!text.contains("unknown request"))
    }
    await adapter.shutdown()
    #expect(log.all.contains { $0.contains("a second time") })
  }

  /// The fake server counts `text_offset` in characters, as llama-cpp-python does.
  @Test func characterOffsetsOfNonASCIITextAreConverted() async throws {
    let server = try await FakeOpenAIServer.start()
    defer { server.stop() }
    let adapter = HTTPAdapter(baseURL: server.baseURL, modelName: nil, chat: false, apiKey: nil, log: { _ in })
    _ = try await adapter.start()
    let ascii = HTTPAdapterTests.trace
    // A comment with two-byte and three-byte characters before the trace shifts every byte
    // offset away from its character offset.
    let text = "# café — naïve\n" + ascii
    let spans = [HTTPAdapterTests.span(of: "a 2", in: text), HTTPAdapterTests.span(of: "b 5", in: text)]
    let response = try await adapter.send(Support.request("u", .score(text: text, spans: spans)))
    guard case .score(let scores) = response, scores.count == 2 else {
      Issue.record("unexpected response \(response)")
      return
    }
    // The server's rule: 3 × log 0.9 for the right reveal, 2 × log 0.9 + log 0.01 for the wrong one.
    HTTPAdapterTests.expectClose(scores[0].logprob, 3 * HTTPAdapterTests.hit)
    #expect(scores[0].correct)
    HTTPAdapterTests.expectClose(scores[1].logprob, 2 * HTTPAdapterTests.hit + HTTPAdapterTests.miss)
    #expect(!scores[1].correct)
    await adapter.shutdown()
  }

  @Test func offsetsCountingNeitherBytesNorCharactersAreRefused() throws {
    let text = "é ab"
    let block = CompletionLogprobs(tokens: [
      .init(text: "é", offset: 0, logprob: nil, top: nil), .init(text: " ", offset: 5, logprob: -1, top: " "),
      .init(text: "ab", offset: 6, logprob: -1, top: "ab"),
    ])
    #expect(throws: AdapterError.self) { try block.inBytes(of: text) }
    let bytes = CompletionLogprobs(tokens: [
      .init(text: "é", offset: 0, logprob: nil, top: nil), .init(text: " ", offset: 2, logprob: -1, top: " "),
      .init(text: "ab", offset: 3, logprob: -1, top: "ab"),
    ])
    #expect(try bytes.inBytes(of: text) == bytes)
  }

  @Test func redactorRemovesKeysAndURLSecrets() {
    let redactor = SecretRedactor(
      environment: ["OPENAI_API_KEY": "sk-abc123", "HOME": "/root"],
      url: URL(string: "http://bob:pa%20ss@host:8000/v1?token=t0k%2Fen&plain")!)
    #expect(
      redactor.redact("Bearer sk-abc123 and pa ss and t0k/en") == "Bearer [redacted] and [redacted] and [redacted]")
    #expect(!redactor.redact("HOME is /root").contains("[redacted]"))
    #expect(
      SecretRedactor.displayURL("http://bob:pw@host:8000/v1?token=x&plain")
        == "http://[redacted]:[redacted]@host:8000/v1?token=[redacted]&plain")
  }

  @Test func timeoutScalesWithTheBytesSent() {
    let config = EvalConfiguration(tasksPath: "t.jsonl", outputDirectory: "o", modelSpec: "m", timeout: 120)
    #expect(config.timeout(forBytes: 10) == 120)
    #expect(config.timeout(forBytes: 512) == 120)
    #expect(config.timeout(forBytes: 1536) == 360)
    #expect(ModelRequest.Operation.choice(prompt: "abcd", candidates: ["x", "yz"]).bytesSent == 11)
    #expect(!AdapterError.timeout(seconds: 1).isRetryable)
  }
}
