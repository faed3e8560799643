import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// `accuracy_vs_tokens.svg`: counted from the results' `tokens`, written only when they are there.
@Suite(.offCooperativePool) struct TokenPlotWriterTests {
  /// A score result whose queries carry (correct, tokens).
  static func result(_ id: String, model: String, _ queries: [(Bool, Int?)]) -> String {
    JSONWriter.encode(
      .object([
        "id": .string(id), "model": .string(model), "mode": .string("score"),
        "queries": .array(
          queries.map { correct, tokens in
            var object: [String: JSONValue] = ["correct": .bool(correct), "logprob": .double(-0.5)]
            if let tokens { object["tokens"] = .int(tokens) }
            return .object(object)
          }),
        "error": .null,
      ]))
  }

  @Test func pointsCountTheQueriesOfEachTokenCount() throws {
    let scratch = try ReportBuilderTests.Scratch()
    try scratch.write("tasks/suite.jsonl", (0..<6).map { ReportBuilderTests.permExample($0) + "\n" }.joined())
    // Six examples of two queries: tokens 1, 2 or 3 by a rule, right on a pattern; one query has no count.
    var lines: [String] = []
    var expected: [Int: (queries: Int, correct: Int)] = [:]
    for index in 0..<6 {
      var queries: [(Bool, Int?)] = []
      for query in 0..<2 {
        let tokens: Int? = index == 5 && query == 1 ? nil : 1 + (index + query) % 3
        let correct = (index * 2 + query) % 3 != 0
        queries.append((correct, tokens))
        if let tokens {
          expected[tokens, default: (0, 0)].queries += 1
          if correct { expected[tokens]!.correct += 1 }
        }
      }
      lines.append(Self.result("perm/S3/swap/one/T2/k1/\(index)", model: "m", queries))
    }
    let run = try scratch.run("run", model: "m", tasks: "tasks/suite.jsonl", lines: lines)
    let summary = try ReportBuilder(runs: [run]).write(to: scratch.root + "/out")
    #expect(summary.files.map { ($0 as NSString).lastPathComponent }.contains(TokenPlotWriter.fileName))
    let svg = try scratch.read(scratch.root + "/out/" + TokenPlotWriter.fileName)
    for tokens in expected.keys.sorted() {
      let (queries, correct) = expected[tokens]!
      #expect(svg.contains("<title>m: \(tokens) tokens, \(correct)/\(queries) correct = "), "tokens \(tokens)")
    }
    #expect(svg.components(separatedBy: "<circle").count - 1 == expected.count)
    let page = try scratch.read(scratch.root + "/out/index.html")
    #expect(page.contains("Accuracy against answer tokens"))
  }

  @Test func noTokenCountsNoFigure() throws {
    let scratch = try ReportBuilderTests.Scratch()
    try scratch.write("tasks/suite.jsonl", ReportBuilderTests.permExample(0) + "\n")
    let run = try scratch.run(
      "run", model: "m", tasks: "tasks/suite.jsonl",
      lines: [Self.result("perm/S3/swap/one/T2/k1/0", model: "m", [(true, nil), (false, nil)])])
    let summary = try ReportBuilder(runs: [run]).write(to: scratch.root + "/out")
    #expect(!summary.files.contains { $0.hasSuffix(TokenPlotWriter.fileName) })
    #expect(!FileManager.default.fileExists(atPath: scratch.root + "/out/" + TokenPlotWriter.fileName))
  }
}
