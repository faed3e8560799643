import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// The `strings` probe plots: points counted by spacing, copy, start and `since_word` or tokens,
/// recomputed here from the examples themselves, through the fast scanner and the generic path.
@Suite(.offCooperativePool) struct SinceWordPlotWriterTests {
  struct Key: Hashable {
    var axis: SinceWordAccuracy.Axis
    var spacing: Spacing
    var copy: Bool
    var start: String
    var x: Int
  }

  /// Four cells (both starts, spacings 1 and final), their examples, and score results whose
  /// correctness and token counts follow a rule; returns the task lines, result lines and counts.
  static func fixture() -> (tasks: String, results: [String], expected: [Key: (queries: Int, correct: Int)]) {
    var tasks = "", results: [String] = []
    var expected: [Key: (queries: Int, correct: Int)] = [:]
    for start in StartKind.allCases {
      for spacing in [Spacing.every(1), .final] {
        let cell = CellParameters.strings(length: 6, spacing: spacing, width: 4, variables: 2, start: start)
        let factory = StringsExampleFactory(params: cell)
        for index in 0..<8 {
          let example = factory.example(index: index, seed: UInt64(100 + index))
          var writer = JSONWriter()
          example.write(to: &writer)
          var line = String(decoding: writer.bytes, as: UTF8.self)
          // One line the fast scanner declines (a \u escape): the generic path must count the same.
          if index == 3 { line = line.replacingOccurrences(of: "\"text\":\">", with: "\"text\":\"\\u003e") }
          tasks += line + "\n"
          var known = example.initialStrings!
          var queries: [(Bool, Int)] = []
          for (number, query) in example.queries.enumerated() {
            let value = query.stringValues![0]
            let copy = known[query.variable!] == value
            known[query.variable!] = value
            let correct = (index + number) % 3 != 0
            let tokens = 1 + (index * 7 + number) % 4
            queries.append((correct, tokens))
            for (axis, x) in [(SinceWordAccuracy.Axis.sinceWord, query.sinceWord!), (.tokens, tokens)] {
              let key = Key(axis: axis, spacing: spacing, copy: copy, start: start.rawValue, x: min(x, 10))
              expected[key, default: (0, 0)].queries += 1
              if correct { expected[key]!.correct += 1 }
            }
          }
          results.append(TokenPlotWriterTests.result(example.id, model: "m", queries.map { ($0.0, $0.1) }))
        }
      }
    }
    return (tasks, results, expected)
  }

  @Test func pointsCountEachSpacingCopyStartAndValue() throws {
    let (tasks, results, expected) = Self.fixture()
    let scratch = try ReportBuilderTests.Scratch()
    try scratch.write("tasks/strings.jsonl", tasks)
    let run = try scratch.run("run", model: "m", tasks: "tasks/strings.jsonl", lines: results)
    let data = try ReportBuilder(runs: [run]).build()
    let points = try #require(data.models.first).sinceWordAccuracy
    var got: [Key: (queries: Int, correct: Int)] = [:]
    for point in points {
      got[Key(axis: point.axis, spacing: point.spacing, copy: point.copy, start: point.start, x: point.x)] = (
        point.queries, point.correct
      )
    }
    #expect(got.count == expected.count)
    for (key, value) in expected {
      #expect(got[key]?.queries == value.queries && got[key]?.correct == value.correct, "\(key)")
    }
    // Both kinds of answer and both starts are exercised.
    #expect(Set(expected.keys.map(\.copy)) == [false, true])
    #expect(Set(expected.keys.map(\.start)) == ["word", "random"])
  }

  @Test func bothFiguresAreWrittenAndLinked() throws {
    let (tasks, results, _) = Self.fixture()
    let scratch = try ReportBuilderTests.Scratch()
    try scratch.write("tasks/strings.jsonl", tasks)
    let run = try scratch.run("run", model: "m", tasks: "tasks/strings.jsonl", lines: results)
    let summary = try ReportBuilder(runs: [run]).write(to: scratch.root + "/out")
    let names = summary.files.map { ($0 as NSString).lastPathComponent }
    #expect(names.contains(SinceWordPlotWriter.sinceWordFileName) && names.contains(SinceWordPlotWriter.tokensFileName))
    let svg = try scratch.read(scratch.root + "/out/" + SinceWordPlotWriter.sinceWordFileName)
    for title in ["spacing 1 · changed answers", "spacing 1 · copied answers", "spacing final · changed answers"] {
      #expect(svg.contains(">\(title)</text>"), "\(title)")
    }
    #expect(svg.contains("start=random") && svg.contains("stroke-dasharray=\"5 3\""))
    let page = try scratch.read(scratch.root + "/out/index.html")
    #expect(page.contains("<h3>Accuracy against <code>since_word</code></h3>"))
  }

  @Test func otherFamiliesHaveNoStringsFigure() throws {
    let scratch = try ReportBuilderTests.Scratch()
    try scratch.write("tasks/suite.jsonl", ReportBuilderTests.permExample(0) + "\n")
    let run = try scratch.run(
      "run", model: "m", tasks: "tasks/suite.jsonl",
      lines: [TokenPlotWriterTests.result("perm/S3/swap/one/T2/k1/0", model: "m", [(true, 1), (false, 2)])])
    let summary = try ReportBuilder(runs: [run]).write(to: scratch.root + "/out")
    #expect(!summary.files.contains { $0.hasSuffix(SinceWordPlotWriter.sinceWordFileName) })
    #expect(!summary.files.contains { $0.hasSuffix(SinceWordPlotWriter.tokensFileName) })
  }
}
