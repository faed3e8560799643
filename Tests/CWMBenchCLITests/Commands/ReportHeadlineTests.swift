import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI

/// `headline.csv` and the page's leaderboard, recomputed here from `summary.csv` alone (read by
/// the tests' own CSV reader) with the rule docs/summary-csv.md states: the mean over a family's
/// cells of `value − floor` of the accuracy rows, each side of the interval the root sum of
/// squares of the cells' distances to their bounds over the cell count.
@Suite(.offCooperativePool) struct ReportHeadlineTests {
  struct Expected {
    var value: Double
    var low: Double
    var high: Double
    var accuracy: Double
    var floor: Double
    var cells: Int
  }

  static func expected(_ summary: [[String: String]]) -> [String: Expected] {
    var groups: [String: [[String: String]]] = [:]
    for row in summary where row["metric"] == "accuracy" {
      groups[row["family"]! + "|" + row["model"]!, default: []].append(row)
    }
    return groups.mapValues { rows in
      let n = Double(rows.count)
      let value = rows.map { Double($0["value"]!)! - Double($0["floor"]!)! }.reduce(0, +) / n
      let below = rows.map { pow(Double($0["value"]!)! - Double($0["ci_low"]!)!, 2) }.reduce(0, +).squareRoot() / n
      let above = rows.map { pow(Double($0["ci_high"]!)! - Double($0["value"]!)!, 2) }.reduce(0, +).squareRoot() / n
      return Expected(
        value: value, low: value - below, high: value + above,
        accuracy: rows.map { Double($0["value"]!)! }.reduce(0, +) / n,
        floor: rows.map { Double($0["floor"]!)! }.reduce(0, +) / n, cells: rows.count)
    }
  }

  @Test func headlineCSVAndThePageAgreeWithSummaryCSV() throws {
    let directory = try TemporaryDirectory()
    let generated = try Binary.run(
      [
        "generate", "--family", "perm,pfsa", "--group", "S3", "--hidden", "0.5", "--length", "4,8", "--spacing",
        "1,final", "--examples", "15", "--name", "h", "--out", "tasks",
      ], in: directory.path)
    try #require(generated.status == 0, "\(generated.stderr)")
    for model in ["oracle", "last-reveal", "random"] {
      let run = try Binary.run(
        ["eval", "tasks/h.jsonl", "--model", model, "--out", "runs/\(model)"], in: directory.path)
      try #require(run.status == 0, "\(run.stderr)")
    }
    let report = try Binary.run(
      ["report", "runs/oracle", "runs/last-reveal", "runs/random", "--out", "rep"], in: directory.path)
    try #require(report.status == 0, "\(report.stderr)")
    let expected = Self.expected(try SummaryCSV.rows(atPath: directory.file("rep/summary.csv")))
    let headlines = try SummaryCSV.rows(atPath: directory.file("rep/headline.csv"))
    #expect(headlines.count == 6 && expected.count == 6)
    var previous: (family: String, value: Double, rank: Int)?
    for line in headlines {
      let family = try #require(line["family"])
      let want = try #require(expected[family + "|" + line["model"]!])
      for (column, value) in [
        ("headline", want.value), ("ci_low", want.low), ("ci_high", want.high), ("accuracy", want.accuracy),
        ("floor", want.floor),
      ] {
        let got = try #require(Double(line[column] ?? ""), "\(column)")
        #expect(abs(got - value) < 1e-12, "\(family) \(line["model"]!) \(column): \(got) vs \(value)")
      }
      #expect(Int(line["cells"] ?? "") == want.cells)
      // Best first within a family, ranks counting from 1.
      let rank = try #require(Int(line["rank"] ?? ""))
      if let previous, previous.family == family {
        #expect(rank == previous.rank + 1 && want.value <= previous.value)
      } else {
        #expect(rank == 1)
      }
      previous = (family, want.value, rank)
    }
    // The oracle tracks perfectly on perm: its headline is 1 − the mean floor, with no width.
    let oracle = try #require(expected["perm|oracle"])
    #expect(abs(oracle.value - (1 - oracle.floor)) < 1e-12 && oracle.low == oracle.high)
    let page = try String(contentsOfFile: directory.file("rep/index.html"), encoding: .utf8)
    #expect(page.contains("<h2>Headline</h2>"))
    #expect(page.contains("<h2>Family perm</h2>") && page.contains("<h2>Family pfsa</h2>"))
    #expect(page.contains("id=\"family-perm\"") && page.contains("href=\"#family-pfsa\""))
    // No number on the page or in its plots carries more digits than its interval justifies.
    for name in ["rep/index.html", "rep/accuracy_vs_spacing.svg", "rep/accuracy_heatmap.svg"] {
      let text = try String(contentsOfFile: directory.file(name), encoding: .utf8)
      #expect(text.range(of: "[0-9]\\.[0-9]{7,}", options: .regularExpression) == nil, "\(name)")
    }
  }
}
