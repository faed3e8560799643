import CWMBenchCore
import CWMBenchEval
import CWMBenchFamilies
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import CWMBenchTestSupport
import Foundation
import Testing

/// A family written in the test target alone (`CounterFamily`) and registered from the test runs
/// through generate, eval and report: a new family is one folder plus one registry line.
@Suite(.offCooperativePool) struct CounterFamilyEndToEndTests {
  static let families = FamilyRegistry.builtIn.registering(CounterFamily())

  @Test func generateEvalAndReportRunOnAFamilyRegisteredFromTheTests() async throws {
    let directory = try TemporaryDirectory()
    let spec = try SuiteSpec(
      json: JSONParser.parse(
        #"{"name": "counter", "seed": 4, "family": "counter", "examples": 6, "grid": {"max_step": [1, 3], "length": [4, 8], "spacing": [1, 2]}}"#
      ), origin: "counter.json", families: Self.families)
    let summary = try SuiteGenerator(spec: spec, split: .test, jobs: 2).write(toDirectory: directory.file("tasks"))
    #expect(summary.examples == 2 * 2 * 2 * 6)

    // The task file reads back through the registry, and every shown value is the running sum
    // of the `a += k` lines before it (the trace's own arithmetic, recomputed here).
    let examples = try TaskFileReader.readAll(inFileAt: summary.tasksPath, families: Self.families)
    #expect(examples.count == summary.examples)
    var copies = 0
    var queries = 0
    for example in examples {
      var value = 0
      var shown = 0
      var lines = example.text.split(separator: "\n").makeIterator()
      var queryIndex = 0
      while let line = lines.next() {
        if line.hasPrefix(">>> a += ") { value += Int(line.dropFirst(9))! }
        if line == ">>> print(a)" {
          let printed = lines.next()
          #expect(printed.flatMap { Int($0) } == value)
          #expect(example.queries[queryIndex].answer == String(value))
          if value == shown { copies += 1 }
          shown = value
          queryIndex += 1
        }
      }
      queries += queryIndex
      #expect(queryIndex == example.queries.count)
    }

    // Eval with the oracle and the no-tracking baseline, the registry handed to the runner.
    for model in ["oracle", "last-reveal"] {
      var config = EvalConfiguration(
        tasksPath: summary.tasksPath, outputDirectory: directory.file("runs/" + model), modelSpec: model)
      config.families = Self.families
      let kind = try #require(BuiltinAdapter.Kind(rawValue: model))
      _ = try await EvalRunner(configuration: config, adapter: BuiltinAdapter(kind: kind), log: { _ in }).run()
    }

    // The report keys rows by the family's own column.
    var builder = ReportBuilder(runs: [directory.file("runs/oracle"), directory.file("runs/last-reveal")])
    builder.families = Self.families
    _ = try builder.write(to: directory.file("report"))
    let csv = try String(contentsOfFile: directory.file("report/summary.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    #expect(header.contains("max_step"))
    func column(_ name: String, _ row: [String]) -> String { row[header.firstIndex(of: name)!] }
    let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let accuracy = rows.filter { column("metric", $0) == "accuracy" }
    // One row per task-file cell per model.
    #expect(accuracy.count == 2 * 8)
    #expect(Set(accuracy.map { column("max_step", $0) }) == ["1", "3"])
    for row in accuracy where column("model", row) == "oracle" { #expect(column("value", row) == "1") }
    // last-reveal is right exactly on the copies (nothing added since the last print).
    let lastReveal = accuracy.filter { column("model", $0) == "last-reveal" }
    let weighted = lastReveal.map { Double(column("value", $0))! * Double(column("queries", $0))! }.reduce(0, +)
    let total = lastReveal.map { Double(column("queries", $0))! }.reduce(0, +)
    #expect(Int(total) == queries)
    #expect(abs(weighted - Double(copies)) < 1e-6)
    #expect(copies > 0 && copies < queries)
    let page = try String(contentsOfFile: directory.file("report/index.html"), encoding: .utf8)
    #expect(page.contains("Family counter"))
  }
}
