import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI

/// The report's `floor` and `failed` columns and its incomplete-run warnings, checked against
/// numbers worked out here from the task file and results (never the report's own code).
@Suite(.offCooperativePool) struct ReportFloorTests {
  /// One task line's cell as `summary.csv` spells it (length and spacing: the grids here vary only those).
  static func cellKey(_ line: [String: Any]) -> String {
    let params = line["params"] as! [String: Any]
    return "\(params["length"]!)/\(params["spacing"]!)"
  }

  static func cellKey(_ row: [String: String]) -> String { row["length"]! + "/" + row["spacing"]! }

  static func taskLines(_ path: String) throws -> [[String: Any]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
  }

  /// The floor is what an actual `last-reveal` run scores on the same file, or chance (the mean
  /// of 1/candidates over the cell's queries, read from the task file) where that is higher.
  @Test(arguments: [
    ["--family", "perm", "--group", "S3", "--length", "8,16", "--spacing", "1,4,final", "--examples", "12"],
    ["--family", "strings", "--length", "8,32", "--spacing", "1,4,final", "--examples", "8"],
    ["--family", "programs", "--render", "cwm", "--spacing", "1,4,final", "--examples", "4"],
  ])
  func floorIsTheLastRevealRunsAccuracyOrChance(grid: [String]) throws {
    let directory = try TemporaryDirectory()
    let generated = try Binary.run(["generate"] + grid + ["--name", "t", "--out", "tasks"], in: directory.path)
    try #require(generated.status == 0, "\(generated.stderr)")
    let run = try Binary.run(
      ["eval", "tasks/t.jsonl", "--model", "last-reveal", "--out", "runs/last-reveal"], in: directory.path)
    try #require(run.status == 0, "\(run.stderr)")
    let report = try Binary.run(["report", "runs/last-reveal", "--out", "report"], in: directory.path)
    try #require(report.status == 0, "\(report.stderr)")

    var chance: [String: (sum: Double, queries: Int)] = [:]
    var copies: [String: Int] = [:]
    for line in try Self.taskLines(directory.file("tasks/t.jsonl")) {
      for query in line["queries"] as! [[String: Any]] {
        // Every query says whether it is a copy; the last-reveal run is right on exactly those.
        if try #require(query["copy"] as? Bool) { copies[Self.cellKey(line), default: 0] += 1 }
        let candidates = (query["candidates"] as? [Any])?.count
        chance[Self.cellKey(line), default: (0, 0)].sum += candidates.map { 1 / Double($0) } ?? 0
        chance[Self.cellKey(line), default: (0, 0)].queries += 1
      }
    }
    let rows = try SummaryCSV.rows(atPath: directory.file("report/summary.csv"))
    let accuracy = rows.filter { $0["metric"] == "accuracy" }
    #expect(accuracy.count == chance.count)
    for row in accuracy {
      let key = Self.cellKey(row)
      let cellChance = try #require(chance[key]).sum / Double(try #require(chance[key]).queries)
      let expected = max(Double(row["value"]!)!, cellChance)
      #expect(abs(Double(row["floor"]!)! - expected) < 1e-12, "\(key): floor \(row["floor"]!), expected \(expected)")
      #expect(row["failed"] == "0")
      let hits = Int((Double(row["value"]!)! * Double(row["queries"]!)!).rounded())
      #expect(copies[key, default: 0] == hits, "\(key): \(copies[key, default: 0]) copies, last-reveal right \(hits)")
    }
    // Every row of a cell carries its floor, and the floor is not chance everywhere.
    #expect(
      rows.allSatisfy { row in accuracy.first { Self.cellKey($0) == Self.cellKey(row) }?["floor"] == row["floor"] })
    #expect(
      accuracy.contains {
        Double($0["floor"]!)! > chance[Self.cellKey($0)]!.sum / Double(chance[Self.cellKey($0)]!.queries) + 0.01
      })
  }

  /// An incomplete run: `failed` counts each cell's error lines and missing lines, the page and
  /// stderr warn first, the run is marked, and `--complete-only` drops exactly the cells with failures.
  @Test func incompleteRunsAreLoudAndCompleteOnlyDropsTheirCells() throws {
    let directory = try TemporaryDirectory()
    let generated = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8,16", "--spacing", "1,final", "--examples", "20",
        "--name", "t", "--out", "tasks",
      ], in: directory.path)
    try #require(generated.status == 0, "\(generated.stderr)")
    let run = try Binary.run(
      ["eval", "tasks/t.jsonl", "--model", "oracle", "--out", "runs/oracle"], in: directory.path)
    try #require(run.status == 0, "\(run.stderr)")

    // Cell 8/1: three error lines of 20 (15%, marked); cell 16/final: one line dropped (5%, not marked).
    let cellOf = Dictionary(
      uniqueKeysWithValues: try Self.taskLines(directory.file("tasks/t.jsonl")).map {
        ($0["id"] as! String, Self.cellKey($0))
      })
    var failed: [String: Int] = [:]
    var kept: [String] = []
    for text in try String(contentsOfFile: directory.file("runs/oracle/results.jsonl"), encoding: .utf8)
      .split(separator: "\n")
    {
      var record = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
      let cell = cellOf[record["id"] as! String]!
      if cell == "8/1", failed[cell, default: 0] < 3 {
        record["error"] = "context too long"
        record["queries"] = [Any]()
        failed[cell, default: 0] += 1
        kept.append(String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self))
      } else if cell == "16/final", failed[cell, default: 0] < 1 {
        failed[cell, default: 0] += 1
      } else {
        kept.append(String(text))
      }
    }
    try (kept.joined(separator: "\n") + "\n").write(
      toFile: directory.file("runs/oracle/results.jsonl"), atomically: true, encoding: .utf8)
    let runJSON = try String(contentsOfFile: directory.file("runs/oracle/run.json"), encoding: .utf8)
    try runJSON.replacingOccurrences(of: "\"status\": \"complete\"", with: "\"status\": \"incomplete\"").write(
      toFile: directory.file("runs/oracle/run.json"), atomically: true, encoding: .utf8)

    let report = try Binary.run(["report", "runs/oracle", "--out", "report"], in: directory.path)
    try #require(report.status == 0, "\(report.stderr)")
    let warning =
      "warning: model 'oracle' has incomplete results (run '\(directory.file("runs/oracle"))' ended 'incomplete'; "
      + "3 example(s) failed; 1 example(s) have no result): its accuracy covers only the examples that were answered "
      + "and may be biased; 1 cell(s) with more than 5% of their examples failed are marked '!'"
    #expect(report.stderr.split(separator: "\n").first.map(String.init)?.hasPrefix(warning) == true, "\(report.stderr)")
    let html = try String(contentsOfFile: directory.file("report/index.html"), encoding: .utf8)
    let warningAt = try #require(html.range(of: "has incomplete results"))
    let firstTable = try #require(html.range(of: "<table"))
    #expect(warningAt.lowerBound < firstTable.lowerBound)
    // The page names the run relative to itself, as it names every run folder.
    #expect(html.contains("../runs/oracle") && !html.contains(directory.path))
    #expect(html.contains("<h3>oracle (incomplete)</h3>"))
    #expect(html.contains("<code>../runs/oracle</code> (ended <b>incomplete</b>)"))
    #expect(html.contains("<th>oracle (incomplete)</th>") && html.contains("<td>oracle (incomplete)</td>"))
    // One marked cell: its accuracy in the comparison table, and its four metrics in the full
    // table (accuracy, accuracy_changed, final and sequence accuracy).
    #expect(html.components(separatedBy: "]</small> <b>!</b>").count - 1 == 5)
    let svg = try String(contentsOfFile: directory.file("report/accuracy_vs_length.svg"), encoding: .utf8)
    #expect(svg.contains(">oracle (incomplete)</text>"))

    let rows = try SummaryCSV.rows(atPath: directory.file("report/summary.csv"))
    #expect(Set(rows.map(Self.cellKey)) == ["8/1", "8/final", "16/1", "16/final"])
    for row in rows { #expect(row["failed"] == String(failed[Self.cellKey(row)] ?? 0), "\(Self.cellKey(row))") }

    let complete = try Binary.run(
      ["report", "runs/oracle", "--complete-only", "--out", "complete"], in: directory.path)
    try #require(complete.status == 0, "\(complete.stderr)")
    let completeRows = try SummaryCSV.rows(atPath: directory.file("complete/summary.csv"))
    #expect(Set(completeRows.map(Self.cellKey)) == ["8/final", "16/1"])
    #expect(completeRows.allSatisfy { $0["failed"] == "0" })
    #expect(complete.stderr.contains("has incomplete results"))
  }
}
