import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI

/// `strings` and `programs` through the whole loop: generate with defaults, eval the baselines
/// that apply, refuse those that need candidates, report.
@Suite(.offCooperativePool) struct FreeFormFamiliesEndToEndTests {
  @Test(arguments: [
    ["--family", "strings", "--length", "8,32", "--spacing", "1,4,final", "--examples", "6"],
    ["--family", "programs", "--render", "cwm", "--spacing", "1,4,final", "--examples", "4"],
  ])
  func generateEvalAndReport(grid: [String]) throws {
    let directory = try TemporaryDirectory()
    let family = grid[1]
    let generated = try Binary.run(["generate"] + grid + ["--name", "t", "--out", "tasks"], in: directory.path)
    try #require(generated.status == 0, "\(generated.stderr)")
    for model in ["oracle", "last-reveal"] {
      let run = try Binary.run(
        ["eval", "tasks/t.jsonl", "--model", model, "--out", "runs/" + model], in: directory.path)
      try #require(run.status == 0, "\(model): \(run.stderr)")
    }
    for (arguments, needer) in [
      (["--model", "random"], "the 'random' baseline"), (["--model", "oracle", "--mode", "choice"], "mode 'choice'"),
    ] {
      let refused = try Binary.run(["eval", "tasks/t.jsonl"] + arguments + ["--out", "refused"], in: directory.path)
      #expect(refused.status == 64)
      #expect(refused.stderr.contains("\(needer) needs candidates"))
      #expect(refused.stderr.contains("the answers of family '\(family)' are free-form"))
      #expect(!FileManager.default.fileExists(atPath: directory.file("refused/results.jsonl")))
    }
    let report = try Binary.run(["report", "runs/oracle", "runs/last-reveal", "--out", "report"], in: directory.path)
    try #require(report.status == 0, "\(report.stderr)")
    // The oracle is right everywhere and never at the floor; last-reveal is its own floor (no
    // cell above it, although it is above chance 0); every row is of the family.
    #expect(!report.stderr.contains("'oracle' scores at or below"))
    #expect(report.stderr.contains("model 'last-reveal' scores at or below the no-tracking floor on every cell"))
    let rows = try SummaryCSV.rows(atPath: directory.file("report/summary.csv"))
    #expect(rows.filter { $0["metric"] != "accuracy_changed" }.count == 2 * 3 * (family == "strings" ? 6 : 3))
    // On the queries that changed since they were last shown, last-reveal is always wrong.
    let changed = rows.filter { $0["metric"] == "accuracy_changed" }
    #expect(!changed.isEmpty && changed.allSatisfy { $0["value"] == ($0["model"] == "oracle" ? "1" : "0") })
    #expect(rows.allSatisfy { $0["family"] == family })
    let oracleAccuracy = rows.filter { $0["model"] == "oracle" && $0["metric"] == "accuracy" }.map {
      Double($0["value"]!)
    }
    #expect(!oracleAccuracy.isEmpty && oracleAccuracy.allSatisfy { $0 == 1 })
    let lastReveal = rows.filter { $0["model"] == "last-reveal" && $0["metric"] == "accuracy" }
      .compactMap { Double($0["value"]!) }
    #expect(lastReveal.contains { $0 < 1 })
  }
}
