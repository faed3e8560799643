import CWMBenchFamilies
import CWMBenchGenerate
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// Prompt log-probabilities shaped as vLLM returns them (`fake_openai_server.py --vllm`).
///
/// vLLM echoes the BOS token of tokenizers that add one as a first token that is not in the
/// echoed text but is counted in `text_offset`, and counts offsets in characters; the span
/// scores must come out as with OpenAI's shape.
@Suite struct HTTPAdapterVLLMTests {
  typealias Support = AdapterTestSupport
  typealias Token = CompletionLogprobs.Token

  static let hit = log(0.9)
  static let miss = log(0.01)

  /// The span of `answer` in `text`, in UTF-8 bytes (what the harness sends).
  static func span(of answer: String, in text: String) -> Range<Int> {
    let range = text.range(of: answer, options: .backwards)!
    return text.utf8.distance(
      from: text.startIndex, to: range.lowerBound)..<text.utf8.distance(from: text.startIndex, to: range.upperBound)
  }

  @Test func leadingBOSIsDroppedAndOffsetsRebased() throws {
    let json = """
      {"choices": [{"text": "ab c", "logprobs": {"tokens": ["<s>", "a", "b", " c"],
        "token_logprobs": [null, -1.5, -0.5, -0.25], "text_offset": [0, 3, 4, 5],
        "top_logprobs": [null, {"a": -1.5, "x": -1.0}, {"b": -0.5}, {" c": -0.25, "d": -3}]}}]}
      """
    let block = try CompletionLogprobs(completion: try JSONParser.parse(json))
    #expect(
      block.tokens == [
        Token(text: "a", offset: 0, logprob: -1.5, top: "x"), Token(text: "b", offset: 1, logprob: -0.5, top: "b"),
        Token(text: " c", offset: 2, logprob: -0.25, top: " c"),
      ])
    #expect(block.echoes("ab c"))
    let score = try block.score(1..<4, textLength: 4)
    #expect(abs(score.logprob - -0.75) < 1e-12)
    #expect(score.correct)
  }

  @Test func aFirstTokenThatIsPartOfTheTextIsKept() throws {
    let json = """
      {"choices": [{"text": "<s>b", "logprobs": {"tokens": ["<s>", "b"], "token_logprobs": [null, -0.5],
        "text_offset": [0, 3], "top_logprobs": [null, {"b": -0.5}]}}]}
      """
    let block = try CompletionLogprobs(completion: try JSONParser.parse(json))
    #expect(block.tokens.map(\.text) == ["<s>", "b"])
    #expect(block.echoes("<s>b"))
  }

  @Test func characterOffsetsBecomeByteOffsets() throws {
    let json = """
      {"choices": [{"text": "é = 1", "logprobs": {"tokens": ["é", " =", " 1"], "token_logprobs": [null, -0.5, -0.25],
        "text_offset": [0, 1, 3], "top_logprobs": [null, {" =": -0.5}, {" 1": -0.25}]}}]}
      """
    // The adapter converts the offsets against the text it sent (`inBytes(of:)`).
    let block = try CompletionLogprobs(completion: try JSONParser.parse(json)).inBytes(of: "é = 1")
    #expect(block.tokens.map(\.offset) == [0, 2, 4])
    #expect(block.echoes("é = 1"))
    #expect(abs(try block.score(4..<6, textLength: 6).logprob - -0.25) < 1e-12)
  }

  @Test(arguments: [[], ["--vllm"]])
  func scoresLikeOpenAIWithAsciiAndNonAsciiTraces(serverArguments: [String]) async throws {
    let server = try await FakeOpenAIServer.start(serverArguments)
    defer { server.stop() }
    let adapter = HTTPAdapter(
      baseURL: server.baseURL, modelName: nil, chat: false, apiKey: nil, log: LogRecorder().sink)
    let info = try await adapter.start()
    #expect(info.modes == [.score, .choice, .generate])
    #expect(adapter.refusalReason == nil)
    // "é" takes two bytes in UTF-8 and one character in the server's offsets.
    for text in [
      ">>> a = 1\n>>> b = 2\n>>> a, b = b, a\n>>> print('a', a)\na 2\n>>> print('b', b)\nb 5\n",
      ">>> é = 1\n>>> b = 2\n>>> é, b = b, é\n>>> print('é', é)\né 2\n>>> print('b', b)\nb 5\n",
    ] {
      let first = text.contains("é") ? "é 2" : "a 2"
      let response = try await adapter.send(
        Support.request(
          "s", .score(text: text, spans: [Self.span(of: first, in: text), Self.span(of: "b 5", in: text)])))
      guard case .score(let spans) = response, spans.count == 2 else {
        Issue.record("unexpected response \(response)")
        return
      }
      #expect(abs(spans[0].logprob - 3 * Self.hit) < 1e-9, "\(serverArguments) \(first)")
      #expect(spans[0].correct)
      #expect(abs(spans[1].logprob - (2 * Self.hit + Self.miss)) < 1e-9, "\(serverArguments)")
      #expect(!spans[1].correct)
    }
    await adapter.shutdown()
  }
}
