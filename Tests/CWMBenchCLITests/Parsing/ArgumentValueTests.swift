import CWMBenchCore
import CWMBenchEval
import CWMBenchFamilies
import CWMBenchFormats
import CWMBenchTestSupport
import Testing

@testable import CWMBenchCLI

@Suite(.offCooperativePool) struct ArgumentValueTests {
  /// The valid words of every enum an option takes, as docs/ spells them.
  @Test func enumsListTheirCasesInOrder() {
    #expect(Split.allValueStrings == ["test", "train"])
    #expect(RenderKind.allValueStrings == ["repl", "cwm", "nl"])
    #expect(EvalModeChoice.allValueStrings == ["auto", "score", "generate", "choice"])
    #expect(RenderKind.expectation == "expected repl, cwm or nl")
  }

  @Test func everyListedWordReadsBackAsItsCase() {
    for word in RenderKind.allValueStrings { #expect(RenderKind(argument: word)?.argumentDescription == word) }
    for word in EvalModeChoice.allValueStrings { #expect(EvalModeChoice(argument: word)?.argumentDescription == word) }
    #expect(EvalModeChoice(argument: "auto")?.mode == nil)
    #expect(EvalModeChoice(argument: "choice")?.mode == .choice)
    #expect(EvalModeChoice(argument: "Score") == nil)
  }

  static let words: [(String, String?)] = [
    ("8", "8"), ("-3", "-3"), ("+4", "4"), ("8.0", nil), ("", nil), ("x", nil), ("99999999999999999999", nil),
  ]

  @Test(arguments: words)
  func integersReadDecimalWords(word: String, expected: String?) {
    #expect(Int(argument: word).map(String.init) == expected)
  }

  @Test func numbersAreFiniteAndShowShort() {
    #expect(Double(argument: "0.25") == 0.25)
    #expect(Double(argument: "1e3") == 1000)
    for word in ["inf", "-inf", "nan", "1e400", "one"] { #expect(Double(argument: word) == nil) }
    #expect((120.0).argumentDescription == "120")
    #expect((0.5).argumentDescription == "0.5")
    #expect(UInt64(argument: "-1") == nil)
    #expect(UInt64(argument: "18446744073709551616") == nil)
  }

  @Test func spacingsAndShards() {
    #expect(Spacing(argument: "final") == .final)
    #expect(Spacing(argument: "4") == .every(4))
    #expect(Spacing(argument: "Final") == nil)
    #expect(EvalConfiguration.Shard(argument: "1/1") == .init(index: 1, count: 1))
    for word in ["0/2", "3/2", "1/0", "1", "a/b", "1/2/3"] { #expect(EvalConfiguration.Shard(argument: word) == nil) }
  }

  /// The spec receives `1` for `--hidden 1` and `0.5` for `0.5`, as a spec file would write them.
  @Test func specNumbersKeepTheirJSONKind() {
    #expect(SpecNumber(argument: "1")?.json == .int(1))
    #expect(SpecNumber(argument: "0.5")?.json == .double(0.5))
    #expect(SpecNumber(argument: "1.0")?.json == .double(1))
    #expect(SpecNumber(argument: "half") == nil)
    #expect(SpecNumber(argument: "nan") == nil)
  }

  @Test func alternativesReadAsASentence() {
    #expect(listInWords([]) == "")
    #expect(listInWords(["a"]) == "a")
    #expect(listInWords(["a", "b"]) == "a or b")
    #expect(listInWords(["a", "b", "c"]) == "a, b or c")
  }
}
