import CWMBenchEval
import CWMBenchFamilies
import CWMBenchGenerate
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// A cell of `summary.csv` is exactly a cell of the task file: cells that differ in any
/// parameter (`render`, `choices`, `max_value`, `variables`, …) are never pooled.
@Suite(.offCooperativePool) struct ReportCellKeyTests {
  /// Reads summary.csv into rows keyed by header names (the report's writer is not used to read it).
  static func rows(_ path: String) throws -> [[String: String]] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return lines.dropFirst().map { line in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return Dictionary(uniqueKeysWithValues: zip(header, fields))
    }
  }

  @Test func oneRowPerTaskFileCellPerMetricAcrossEveryParameter() async throws {
    let directory = try TemporaryDirectory()
    let specs = [
      #"{"name": "shell", "seed": 2, "examples": 4, "grid": {"family": ["perm", "pfsa"], "group": ["S3"], "actions": ["tuple"], "render": ["repl", "cwm", "nl"], "max_value": [9, 12], "hidden": [0.5], "choices": [2, 3], "length": [6], "spacing": [2]}}"#,
      #"{"name": "strs", "seed": 2, "family": "strings", "examples": 4, "grid": {"variables": [1, 2], "edits": ["set"], "render": ["repl", "cwm"], "length": [6], "spacing": [2]}}"#,
    ]
    var runs: [String] = []
    var cellKeys: [String] = []
    var examplesPerCell = 0
    for (index, text) in specs.enumerated() {
      let spec = try SuiteSpec(json: JSONParser.parse(text), origin: "spec\(index).json")
      let summary = try SuiteGenerator(spec: spec, split: .test, jobs: 2).write(toDirectory: directory.path)
      let manifest = try JSONParser.parse([UInt8](FileManager.default.contents(atPath: summary.manifestPath)!))
      cellKeys += try #require(manifest["cells"]?.arrayValue).compactMap { $0["key"]?.stringValue }
      examplesPerCell = spec.examples(for: .test)
      let run = directory.file("run\(index)")
      let config = EvalConfiguration(tasksPath: summary.tasksPath, outputDirectory: run, modelSpec: "oracle")
      _ = try await EvalRunner(configuration: config, adapter: BuiltinAdapter(kind: .oracle), log: { _ in }).run()
      runs.append(run)
    }
    // perm ignores choices and hidden: 3 renders × 2 max values; pfsa crosses choices too.
    #expect(cellKeys.count == 6 + 12 + 4)
    _ = try ReportBuilder(runs: runs).write(to: directory.file("report"))
    let rows = try Self.rows(directory.file("report/summary.csv"))
    for metric in Set(rows.map { $0["metric"]! }) {
      let mine = rows.filter { $0["metric"] == metric }
      let families = Set(mine.map { $0["family"]! })
      // Every task-file cell of the families this metric covers has exactly one row, of its own examples.
      let expected = cellKeys.filter { families.contains(String($0.prefix { $0 != "/" })) }.count
      // `accuracy_changed` counts only the examples with a changed query, and a cell without one has no row.
      let changed = metric == "accuracy_changed"
      #expect(changed ? mine.count <= expected && !mine.isEmpty : mine.count == expected, "\(metric)")
      let identities = mine.map { row in
        [
          "family", "group", "actions", "reveal", "hidden", "choices", "max_value", "width", "variables", "edits",
          "program", "lines", "render", "length", "spacing",
        ].map { row[$0] ?? "?" }.joined(separator: "|")
      }
      #expect(Set(identities).count == mine.count, "\(metric)")
      let examples = mine.map { Int($0["examples"]!)! }
      #expect(examples.allSatisfy { changed ? $0 <= examplesPerCell : $0 == examplesPerCell }, "\(metric)")
    }
    let accuracy = rows.filter { $0["metric"] == "accuracy" }
    #expect(Set(accuracy.map { $0["render"]! }) == ["repl", "cwm", "nl"])
    #expect(Set(accuracy.filter { $0["family"] == "pfsa" }.map { $0["choices"]! }) == ["2", "3"])
    #expect(Set(accuracy.filter { $0["family"] == "perm" }.map { $0["choices"]! }) == [""])
    #expect(Set(accuracy.map { $0["max_value"]! }) == ["9", "12", ""])
    #expect(Set(accuracy.filter { $0["family"] == "strings" }.map { $0["variables"]! }) == ["1", "2"])
  }
}
