import CWMBenchTestSupport
import Testing

@testable import CWMBenchEval

/// The HTTP path's end check: from the top token after each span, whether greedy decoding
/// ends the answer as the trace does (issue 20).
@Suite struct CompletionEndingTests {
  typealias Token = CompletionLogprobs.Token

  /// "x\nza\n>>> y" where the tokenizer merged the answer's newline with the next prompt.
  static func block(topAfterAnswer: String?) -> CompletionLogprobs {
    CompletionLogprobs(tokens: [
      Token(text: "x\n", offset: 0, logprob: nil, top: nil),
      Token(text: "za", offset: 2, logprob: -0.5, top: "za"),
      Token(text: "\n>>>", offset: 4, logprob: -0.25, top: topAfterAnswer),
      Token(text: " y", offset: 8, logprob: -0.1, top: " y"),
    ])
  }

  @Test(arguments: [
    ("\n>>>", true), ("\n", true), ("\n\n", true), ("a", false), ("a\n", false), ("", false),
  ])
  func aMergedTerminatorIsComparedAsText(top: String, ends: Bool) throws {
    let score = try Self.block(topAfterAnswer: top).score(2..<4, ending: 1, textLength: 10)
    #expect(score.correct == ends, "top '\(top)'")
    // The answer's log-probability alone, whatever follows it.
    #expect(score.logprob == -0.5 && score.tokens == 1)
  }

  @Test func withoutAnEndingOnlyTheAnswerCounts() throws {
    #expect(try Self.block(topAfterAnswer: "a").score(2..<4, textLength: 10).correct)
  }

  @Test func aPositionWithoutATopTokenCannotEndTheAnswer() throws {
    #expect(!(try Self.block(topAfterAnswer: nil).score(2..<4, ending: 1, textLength: 10).correct))
  }

  @Test func anEndingOverSeveralTokensNeedsEachOfThem() throws {
    let tokens = [
      Token(text: "x", offset: 0, logprob: nil, top: nil),
      Token(text: "z", offset: 1, logprob: -0.5, top: "z"),
      Token(text: "'", offset: 2, logprob: -0.1, top: "'"),
      Token(text: "\n", offset: 3, logprob: -0.1, top: "a"),
    ]
    #expect(!(try CompletionLogprobs(tokens: tokens).score(1..<2, ending: 2, textLength: 4).correct))
    #expect(try CompletionLogprobs(tokens: tokens).score(1..<2, ending: 1, textLength: 4).correct)
    // A top token that writes only part of the rest leaves the trace: what follows is not known.
    let split = [tokens[0], tokens[1], Token(text: "'\n", offset: 2, logprob: -0.1, top: "'")]
    #expect(!(try CompletionLogprobs(tokens: split).score(1..<2, ending: 2, textLength: 4).correct))
  }
}
