import Testing

@testable import CWMBenchEval

@Suite struct AnswerExtractionTests {
  /// (rule, reply, answer the rule takes out), worked out by hand.
  static let table: [(String, String, String)] = [
    ("first-line", "a 4\n>>> b", "a 4"),
    ("first-line", "\n\n  c 8  \nmore", "c 8"),
    ("first-line", "", ""),
    ("last-line", "Let me think.\nThe answer is: c 8\n\n", "The answer is: c 8"),
    ("last-line", "one\r\ntwo\r\n", "two"),
    ("regex:answer is: *(.*)", "Sure. The answer is: c 8", "c 8"),
    ("regex:answer is: *(.*)", "no answer here", ""),
    ("regex:[abc] [0-9]+", "I think b 12, not a 1", "b 12"),
    ("regex:(x)?(b [0-9])", "b 3", ""),
  ]

  @Test(arguments: table)
  func takesTheAnswerOut(rule: String, reply: String, answer: String) throws {
    #expect(try AnswerExtraction(parsing: rule).answer(in: reply) == answer)
    #expect(try AnswerExtraction(parsing: rule).description == rule)
  }

  @Test(arguments: ["regex:(", "regex:", "regex:[a-", "second-line", ""])
  func refusesWhatIsNoRule(rule: String) {
    #expect(throws: EvalError.self) { try AnswerExtraction(parsing: rule) }
  }
}
