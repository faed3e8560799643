import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI

/// Each query's `copy` and the report's `accuracy_changed`, checked against values worked out
/// here from the task file's shown values and `results.jsonl` with `JSONSerialization` (never
/// the families' baselines or the report's own code).
@Suite(.offCooperativePool) struct ReportAccuracyChangedTests {
  static let trivial = "exec:python3 \(Binary.packageRoot)/Tests/Fixtures/adapters/trivial.py"

  static func jsonLines(_ path: String) throws -> [[String: Any]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
  }

  /// Whether each query shows what its variable (or every variable) last showed: replays the
  /// line's `initial` and each query's `variable` and `values`, as numbers or strings alike.
  static func expectedCopies(_ line: [String: Any]) -> [Bool] {
    var known = (line["initial"] as! [Any]).map { "\($0)" }
    return (line["queries"] as! [[String: Any]]).map { query in
      let values = (query["values"] as! [Any]).map { "\($0)" }
      if let name = query["variable"] as? String {
        let index = Int(name.unicodeScalars.first!.value - UnicodeScalar("a").value)
        defer { known[index] = values[0] }
        return known[index] == values[0]
      }
      defer { known = values }
      return known == values
    }
  }

  /// 95% Wilson interval, written from the formula in docs/summary-csv.md.
  static func wilson(_ successes: Int, _ trials: Int) -> (Double, Double) {
    let z = 1.959963984540054
    let n = Double(trials)
    let p = Double(successes) / n
    let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
    return (max(0, centre - half), min(1, centre + half))
  }

  @Test func copyAndAccuracyChangedAreRecomputedFromTheFiles() throws {
    let directory = try TemporaryDirectory()
    // The shell game with values up to 20, so answers differ in length and the scripted
    // adapter (right when a span's length is odd) is right on some and wrong on others.
    let grids: [(name: String, flags: [String])] = [
      ("sg", ["--family", "perm,pfsa", "--group", "S3", "--max-value", "20", "--hidden", "0.5"]),
      ("st", ["--family", "strings", "--variables", "2"]),
    ]
    var expected: [String: (right: Int, changed: Int, examples: Int)] = [:]
    var copies = 0
    var changes = 0
    for (name, flags) in grids {
      let generated = try Binary.run(
        ["generate"] + flags + ["--length", "8,16", "--spacing", "1,4,final", "--examples", "12", "--name", name]
          + ["--out", "tasks"], in: directory.path)
      try #require(generated.status == 0, "\(generated.stderr)")
      let run = try Binary.run(
        ["eval", "tasks/\(name).jsonl", "--model", Self.trivial, "--mode", "score", "--out", "runs/\(name)"],
        in: directory.path)
      try #require(run.status == 0, "\(run.stderr)")
      let results = Dictionary(
        uniqueKeysWithValues: try Self.jsonLines(directory.file("runs/\(name)/results.jsonl")).map {
          ($0["id"] as! String, ($0["queries"] as! [[String: Any]]).map { $0["correct"] as! Bool })
        })
      for line in try Self.jsonLines(directory.file("tasks/\(name).jsonl")) {
        let queries = line["queries"] as! [[String: Any]]
        let flags = queries.map { $0["copy"] as? Bool }
        #expect(flags == Self.expectedCopies(line), "\(line["id"]!)")
        let params = line["params"] as! [String: Any]
        let key = "\(line["family"]!)/\(params["length"]!)/\(params["spacing"]!)"
        let correct = try #require(results[line["id"] as! String])
        var changedHere = 0
        for (query, right) in zip(Self.expectedCopies(line), correct) where !query {
          changedHere += 1
          if right { expected[key, default: (0, 0, 0)].right += 1 }
        }
        expected[key, default: (0, 0, 0)].changed += changedHere
        if changedHere > 0 { expected[key, default: (0, 0, 0)].examples += 1 }
        copies += queries.count - changedHere
        changes += changedHere
      }
    }
    // Both kinds occur, so the split is tested.
    #expect(copies > 20 && changes > 20)

    let report = try Binary.run(["report", "runs/sg", "runs/st", "--out", "report"], in: directory.path)
    try #require(report.status == 0, "\(report.stderr)")
    let rows = try SummaryCSV.rows(atPath: directory.file("report/summary.csv")).filter {
      $0["metric"] == "accuracy_changed"
    }
    let withChanges = expected.filter { $0.value.changed > 0 }
    #expect(rows.count == withChanges.count)
    #expect(Set(rows.map { $0["family"]! }) == ["perm", "pfsa", "strings"])
    for row in rows {
      let key = "\(row["family"]!)/\(row["length"]!)/\(row["spacing"]!)"
      let counts = try #require(withChanges[key], "\(key)")
      let (low, high) = Self.wilson(counts.right, counts.changed)
      #expect(abs(Double(row["value"]!)! - Double(counts.right) / Double(counts.changed)) < 1e-12, "\(key)")
      #expect(abs(Double(row["ci_low"]!)! - low) < 1e-12, "\(key)")
      #expect(abs(Double(row["ci_high"]!)! - high) < 1e-12, "\(key)")
      #expect(row["queries"] == String(counts.changed) && row["examples"] == String(counts.examples), "\(key)")
    }
    // Some cell is neither all right nor all wrong on its changes.
    #expect(rows.contains { Double($0["value"]!)! > 0 && Double($0["value"]!)! < 1 })
    #expect(FileManager.default.fileExists(atPath: directory.file("report/accuracy_changed_vs_spacing.svg")))
    let markdown = try Binary.run(["report", "runs/sg", "runs/st", "--markdown"], in: directory.path)
    #expect(markdown.stdout.contains("accuracy_changed (95% CI)"))
    // The comparison table shows it under each accuracy, one per row of summary.csv.
    let html = try String(contentsOfFile: directory.file("report/index.html"), encoding: .utf8)
    #expect(html.components(separatedBy: "<small class=\"changed\"").count - 1 == rows.count)
    #expect(html.contains("<h3>Accuracy on changed values</h3>"))
  }

  /// A `copy` that contradicts the line's own values is refused before anything is asked; a file
  /// without `copy` (cwmbench 0.1.0) is still evaluated, and its report has no `accuracy_changed`.
  @Test func evalRefusesAContradictedCopyAndAcceptsNone() throws {
    let directory = try TemporaryDirectory()
    let generated = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8,16", "--spacing", "1,4", "--examples", "20",
        "--name", "t", "--out", "tasks",
      ], in: directory.path)
    try #require(generated.status == 0, "\(generated.stderr)")
    let original = try String(contentsOfFile: directory.file("tasks/t.jsonl"), encoding: .utf8)
    var lines = original.split(separator: "\n").map(String.init)
    // Line 3: flip its first `copy` (the first query's, keys being sorted).
    let line = lines[2]
    let first = try #require(line.range(of: "\"copy\":"))
    let wasTrue = line[first.upperBound...].hasPrefix("true")
    lines[2] =
      line[..<first.lowerBound] + (wasTrue ? "\"copy\":false" : "\"copy\":true")
      + line[line.index(first.upperBound, offsetBy: wasTrue ? 4 : 5)...]
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: directory.file("bad.jsonl"), atomically: true, encoding: .utf8)
    let bad = try Binary.run(["eval", "bad.jsonl", "--model", "oracle", "--out", "bad"], in: directory.path)
    #expect(bad.status == 65)
    let message =
      wasTrue
      ? "'bad.jsonl' line 3: field 'queries[0].copy': is false but its answer"
      : "'bad.jsonl' line 3: field 'queries[0].copy': is true but its answer"
    #expect(bad.stderr.contains(message), "\(bad.stderr)")
    #expect(!FileManager.default.fileExists(atPath: directory.file("bad/results.jsonl")))

    let old = original.replacingOccurrences(of: "\"copy\":true,", with: "").replacingOccurrences(
      of: "\"copy\":false,", with: "")
    #expect(!old.contains("copy"))
    try old.write(toFile: directory.file("old.jsonl"), atomically: true, encoding: .utf8)
    let run = try Binary.run(["eval", "old.jsonl", "--model", "oracle", "--out", "old"], in: directory.path)
    try #require(run.status == 0, "\(run.stderr)")
    let report = try Binary.run(["report", "old", "--out", "report"], in: directory.path)
    try #require(report.status == 0, "\(report.stderr)")
    let oldRows = try SummaryCSV.rows(atPath: directory.file("report/summary.csv"))
    let metrics = Set(oldRows.map { $0["metric"]! })
    #expect(metrics.contains("accuracy") && !metrics.contains("accuracy_changed"))
    // The floor is the same whether it is counted from `copy` or from the family's baseline.
    let current = try Binary.run(["eval", "tasks/t.jsonl", "--model", "oracle", "--out", "new"], in: directory.path)
    try #require(current.status == 0, "\(current.stderr)")
    let newReport = try Binary.run(["report", "new", "--out", "new-report"], in: directory.path)
    try #require(newReport.status == 0, "\(newReport.stderr)")
    let newRows = try SummaryCSV.rows(atPath: directory.file("new-report/summary.csv"))
    let floors = newRows.filter { $0["metric"] == "accuracy" }.map { $0["floor"]! }
    #expect(!floors.isEmpty && floors == oldRows.filter { $0["metric"] == "accuracy" }.map { $0["floor"]! })
    #expect(!FileManager.default.fileExists(atPath: directory.file("report/accuracy_changed_vs_spacing.svg")))
    let oldPage = try String(contentsOfFile: directory.file("report/index.html"), encoding: .utf8)
    #expect(!oldPage.contains("class=\"changed\"") && !oldPage.contains("accuracy_changed"))
  }
}
