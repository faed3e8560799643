import CWMBenchEval
import CWMBenchFamilies
import CWMBenchGenerate
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// A report depends on what the results say, not on the order answers arrived in.
@Suite(.offCooperativePool) struct ReportDeterminismTests {
  @Test func resultOrderDoesNotChangeTheReport() async throws {
    let directory = try TemporaryDirectory()
    let spec =
      #"{"name": "d", "seed": 4, "grid": {"family": ["perm", "pfsa"], "group": ["S3"], "length": [8, 12], "spacing": [1, 4]}, "fixed": {"hidden": 0.5}, "examples": 15}"#
    let summary = try SuiteGenerator(
      spec: SuiteSpec(json: JSONParser.parse(spec), origin: "d.json"), split: .test, jobs: 1
    )
    .write(toDirectory: directory.path)
    let run = directory.file("run")
    let config = EvalConfiguration(
      tasksPath: summary.tasksPath, outputDirectory: run, modelSpec: "random", mode: .choice)
    _ = try await EvalRunner(configuration: config, adapter: BuiltinAdapter(kind: .random), log: { _ in }).run()

    let first = directory.file("report1")
    _ = try ReportBuilder(runs: [run]).write(to: first)
    // The same lines in another order, as a run with other timings would write them.
    let path = run + "/results.jsonl"
    var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    var rng = Xoshiro256(seed: 99)
    rng.shuffle(&lines)
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let second = directory.file("report2")
    _ = try ReportBuilder(runs: [run]).write(to: second)

    for file in [
      "summary.csv", "headline.csv", "summary.tex", "accuracy_vs_spacing.svg", "accuracy_vs_length.svg",
      "accuracy_heatmap.svg",
      "excess_nll_vs_spacing.svg",
    ] {
      let a = try String(contentsOfFile: first + "/" + file, encoding: .utf8)
      let b = try String(contentsOfFile: second + "/" + file, encoding: .utf8)
      #expect(a == b, "\(file) depends on the order of results.jsonl")
    }
  }
}
