import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFamilies
@testable import CWMBenchFormats

/// `last-reveal` on the free-form families: what it guesses, from what a model could read.
@Suite struct LastRevealGuessTests {
  static func query(_ answer: String, variable: Int? = nil, strings: [String]? = nil) -> TaskQuery {
    TaskQuery(
      start: 0, end: 0, answer: answer, step: 1, sinceReveal: 1, candidates: nil, probs: nil, variable: variable,
      stringValues: strings)
  }

  @Test(arguments: [RenderKind.repl, .nl, .cwm])
  func stringsRepeatTheInitialWordThenTheLastPrint(render: RenderKind) throws {
    let example = TaskExample(
      id: "s", params: .strings(length: 3, spacing: .every(1), render: render), text: "",
      queries: [
        Self.query("", variable: 1, strings: ["gardens"]),
        Self.query("", variable: 0, strings: ["kiten"]),
        Self.query("", variable: 1, strings: ["garden"]),
      ],
      initialStrings: ["kitten", "garden"])
    let guesses = try #require(LastRevealGuess.answers(example: example))
    let expected = ["garden", "kitten", "gardens"]
    #expect(guesses == zip([1, 0, 1], expected).map { render.stringAnswer(variable: $0, value: $1) })
    if render == .cwm { #expect(guesses[0] == "'garden'") } else { #expect(guesses == expected) }
  }

  @Test func stringsWithoutTheirStructureAreRefused() {
    let example = TaskExample(
      id: "s", params: .strings(length: 1, spacing: .every(1)), text: "", queries: [Self.query("x", variable: 0)])
    #expect(LastRevealGuess.answers(example: example) == nil)
    #expect(throws: AdapterError.self) { try BuiltinAdapter.lastRevealGuesses(example) }
  }

  /// Every value query guesses "nothing changed", `..`, whatever it answered before.
  @Test func programsGuessThatNothingChanged() throws {
    let example = TaskExample(
      id: "p", params: .programs(length: 8, spacing: .every(1)), text: "",
      queries: [Self.query("[3, 1]"), Self.query(".."), Self.query("{}"), Self.query("[0, 1]")])
    let guesses = try #require(LastRevealGuess.answers(example: example))
    #expect(guesses == ["..", "..", "..", ".."])
    #expect(zip(guesses, example.queries).filter { $0 == $1.answer }.count == 1)
  }
}
