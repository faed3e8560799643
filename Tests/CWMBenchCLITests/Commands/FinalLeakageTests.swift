import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI
@testable import CWMBenchCore

/// A `final` query must test the state, not copying: its answer may appear verbatim in the text
/// before it for at most 2% of queries, in every family and rendering (issue 21).
///
/// Written apart from the generators: `cwmbench generate` writes small suites, and CPython reads
/// the task lines as plain JSON and searches each answer's bytes in the text before its span.
@Suite(.offCooperativePool) struct FinalLeakageTests {
  /// The most a family's `final` queries may leak.
  static let bound = 0.02

  /// Each family's suite: spacing final only, the renderings and settings most likely to leak
  /// (short words, one variable, edits that permute, short traces); 60 examples a cell unless given.
  ///
  /// The shell game's `nl` answer is one cup's value ("Cup c now holds [[7]]"), which is one of
  /// the values the story starts by listing: the task is which one, so its `nl` spans are left
  /// out here (in `repl` and `cwm` the answer is the printed line or the locals, name and value).
  static let suites: [(family: String, arguments: [String])] = [
    ("perm", ["--family", "perm", "--group", "S3,S5", "--render", "repl,cwm", "--length", "4,16,64"]),
    ("pfsa", ["--family", "pfsa", "--group", "S3,S5", "--render", "repl,cwm", "--length", "4,16,64"]),
    (
      "strings",
      [
        "--family", "strings", "--width", "4,6", "--variables", "1,2", "--edits", "swap,reverse,insert+delete,mixed",
        "--start", "word,random", "--render", "repl,cwm,nl", "--length", "4,16,64",
      ]
    ),
    // 63 examples a length: one per corpus program.
    ("programs", ["--family", "programs", "--render", "cwm", "--length", "16,32,64", "--examples", "63"]),
  ]

  static let script = #"""
    import json, sys
    queries = leaked = 0
    for raw in open(sys.argv[1], encoding="utf-8"):
        ex = json.loads(raw)
        assert ex["params"]["spacing"] == "final", ex["id"]
        text = ex["text"].encode("utf-8")
        for q in ex["queries"]:
            # Offsets count bytes of the UTF-8 text (docs/task-file.md).
            answer = text[q["start"]:q["end"]]
            assert answer == q["answer"].encode("utf-8"), ex["id"]
            queries += 1
            leaked += answer in text[:q["start"]]
    print(json.dumps({"queries": queries, "leaked": leaked}))
    """#

  @Test(arguments: suites.indices)
  func finalAnswersRarelyAppearInTheTextBefore(suite index: Int) async throws {
    let (family, arguments) = Self.suites[index]
    let directory = try TemporaryDirectory()
    let context = CommandContext.memory(currentDirectory: directory.path)
    let status = await CWMBenchCLI.run(
      arguments: ["generate"] + arguments + (arguments.contains("--examples") ? [] : ["--examples", "60"])
        + ["--spacing", "final", "--out", "out", "--quiet"],
      context: context)
    try #require(status == 0, "\(context.standardError.contents)")
    let result = try JSONParser.parse(try Python.run(Self.script, arguments: [directory.file("out/inline.jsonl")]))
    let queries = try #require(result["queries"]?.intValue)
    let leaked = try #require(result["leaked"]?.intValue)
    #expect(queries >= 180, "\(family): \(queries) queries")
    #expect(Double(leaked) <= Self.bound * Double(queries), "\(family): \(leaked) of \(queries) final answers leak")
  }
}
