import CWMBenchFamilies
import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// Span mapping over OpenAI `logprobs` blocks with multi-character tokens.
@Suite struct CompletionLogprobsTests {
  typealias Token = CompletionLogprobs.Token

  /// "x\na 8\n" tokenised with a merge across the line break, plus one generated token.
  static let block = CompletionLogprobs(tokens: [
    Token(text: "x", offset: 0, logprob: nil, top: nil),
    Token(text: "\na", offset: 1, logprob: -0.1, top: "\na"),
    Token(text: " 8", offset: 3, logprob: -0.2, top: " 9"),
    Token(text: "\n", offset: 5, logprob: -0.3, top: "\n"),
    Token(text: ">>>", offset: 6, logprob: -0.4, top: ">>>"),
  ])

  @Test func tokenReachingIntoTheSpanIsCounted() throws {
    let score = try Self.block.score(2..<5, textLength: 6)
    #expect(abs(score.logprob - -0.3) < 1e-12)
    #expect(!score.correct)
  }

  @Test func generatedTokenIsIgnored() throws {
    let score = try Self.block.score(5..<6, textLength: 6)
    #expect(abs(score.logprob - -0.3) < 1e-12)
    #expect(score.correct)
    #expect(throws: AdapterError.self) { try Self.block.score(6..<9, textLength: 6) }
  }

  @Test func missingLogprobInASpanIsAViolation() {
    #expect(throws: AdapterError.self) { try Self.block.score(0..<1, textLength: 6) }
  }

  @Test func echoCheckNeedsTheWholePromptWithLogprobs() {
    #expect(Self.block.echoes("x\na 8\n"))
    #expect(!Self.block.echoes("x\na 9\n"))
    let generatedOnly = CompletionLogprobs(tokens: [Token(text: " 3", offset: 0, logprob: -0.1, top: " 3")])
    #expect(!generatedOnly.echoes("a = 1\nb = 2\n"))
    var missing = Self.block
    missing.tokens[2].logprob = nil
    #expect(!missing.echoes("x\na 8\n"))
    var shifted = Self.block
    shifted.tokens[2].offset = 4
    #expect(!shifted.echoes("x\na 8\n"))
  }

  @Test func parsesOpenAIShapeAndBreaksTopTiesTowardTheToken() throws {
    let json = """
      {"choices": [{"text": "ab", "logprobs": {"tokens": ["a", "b"], "token_logprobs": [null, -0.5],
        "text_offset": [0, 1], "top_logprobs": [null, {"c": -0.5, "b": -0.5, "d": -2}]}}]}
      """
    let block = try CompletionLogprobs(completion: try JSONParser.parse(json))
    #expect(
      block.tokens == [
        Token(text: "a", offset: 0, logprob: nil, top: nil), Token(text: "b", offset: 1, logprob: -0.5, top: "b"),
      ])
    #expect(throws: AdapterError.self) {
      try CompletionLogprobs(completion: try JSONParser.parse(#"{"choices": [{"text": "ab", "logprobs": null}]}"#))
    }
  }

  @Test func textHelpers() {
    #expect(HTTPAdapter.cut("a 8\n>>> b", at: ["\n"]) == "a 8")
    #expect(HTTPAdapter.cut("a 8", at: ["\n", ""]) == "a 8")
    #expect(HTTPAdapter.firstLine(of: "\n  a 8  \nmore") == "a 8")
    #expect(HTTPAdapter.serverMessage(Array(#"{"detail": "bad request"}"#.utf8)) == "bad request")
    #expect(HTTPAdapter.serverMessage(Array("oops\n".utf8)) == "oops")
  }
}
