import CWMBenchTestSupport
import Foundation
import Testing

/// `accuracy_diff`, `brier` and `ece` in `summary.csv`, recomputed from the task file and the
/// results by a Python script written apart from the report's code
/// (Tests/Fixtures/recompute_pairs_calibration.py, from docs/summary-csv.md, with its own PRNG).
@Suite(.offCooperativePool) struct ReportPairsCalibrationTests {
  static let metrics: Set<String> = ["accuracy_diff", "brier", "ece"]

  /// Runs `cwmbench` in `directory` and requires exit 0.
  static func cwmbench(_ arguments: [String], in directory: TemporaryDirectory) throws {
    let run = try Binary.run(arguments, in: directory.path)
    try #require(run.status == 0, "\(arguments.joined(separator: " ")): \(run.stderr)")
  }

  /// The script's numbers for `runs`: "model|family|length|spacing|metric" → value, interval, examples, queries.
  static func recomputed(_ runs: [String], in directory: TemporaryDirectory) throws -> [String: [Double]] {
    let script = Binary.packageRoot + "/Tests/Fixtures/recompute_pairs_calibration.py"
    let run = try Binary.run(["python3", script] + runs, in: directory.path, executable: "/usr/bin/env")
    try #require(run.status == 0, "\(run.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: [Double]]
    return object
  }

  /// The report's rows of the three metrics, keyed as the script keys them.
  static func reported(_ path: String) throws -> [String: [Double]] {
    var rows: [String: [Double]] = [:]
    for row in try SummaryCSV.rows(atPath: path) where metrics.contains(row["metric"]!) {
      let key = [row["model"]!, row["family"]!, row["length"]!, row["spacing"]!, row["metric"]!]
        .joined(separator: "|")
      rows[key] = ["value", "ci_low", "ci_high", "examples", "queries"].map { Double(row[$0]!)! }
    }
    return rows
  }

  /// Three baselines in choice mode on one perm+pfsa file, one run with lines dropped (so the
  /// pairs share fewer examples than the cells hold) and one written in reverse order (so the
  /// pairing cannot rely on line order): every row matches the script, intervals to the last bit.
  @Test func pairsAndCalibrationMatchAnIndependentRecomputation() throws {
    let directory = try TemporaryDirectory()
    try Self.cwmbench(
      [
        "generate", "--family", "perm,pfsa", "--group", "S3", "--hidden", "0.25", "--length", "8",
        "--spacing", "1,4,final", "--examples", "16", "--name", "t", "--out", "tasks",
      ], in: directory)
    for model in ["oracle", "random", "last-reveal"] {
      try Self.cwmbench(
        ["eval", "tasks/t.jsonl", "--model", model, "--mode", "choice", "--out", "runs/" + model, "--quiet"],
        in: directory)
    }
    let randomResults = directory.file("runs/random/results.jsonl")
    let randomLines = try String(contentsOfFile: randomResults, encoding: .utf8).split(separator: "\n")
    try (randomLines.enumerated().filter { $0.offset % 5 != 2 }.map { String($0.element) + "\n" }.joined())
      .write(toFile: randomResults, atomically: true, encoding: .utf8)
    let lastRevealResults = directory.file("runs/last-reveal/results.jsonl")
    let lastRevealLines = try String(contentsOfFile: lastRevealResults, encoding: .utf8).split(separator: "\n")
    try (lastRevealLines.reversed().map { String($0) + "\n" }.joined())
      .write(toFile: lastRevealResults, atomically: true, encoding: .utf8)

    let runs = ["runs/oracle", "runs/random", "runs/last-reveal"]
    try Self.cwmbench(["report"] + runs + ["--out", "report"], in: directory)
    let expected = try Self.recomputed(runs, in: directory)
    let actual = try Self.reported(directory.file("report/summary.csv"))

    // 3 pairs × 6 cells of accuracy_diff, and brier and ece for 3 models × 3 pfsa cells.
    #expect(expected.keys.filter { $0.hasSuffix("|accuracy_diff") }.count == 18)
    #expect(expected.keys.filter { $0.hasSuffix("|brier") || $0.hasSuffix("|ece") }.count == 18)
    #expect(Set(actual.keys) == Set(expected.keys))
    for (key, numbers) in expected.sorted(by: { $0.key < $1.key }) {
      let row = try #require(actual[key], "\(key) has no row")
      for (index, (want, got)) in zip(numbers, row).enumerated() {
        #expect(abs(want - got) <= 1e-12, "\(key) field \(index): expected \(want), reported \(got)")
      }
    }
    // The oracle's belief is the posterior; the dropped lines shrink the pairs with random.
    #expect(expected["oracle|pfsa|8|4|brier"]?[0] == 0 && expected["oracle|pfsa|8|4|ece"]?[0] == 0)
    #expect(expected["last-reveal|pfsa|8|4|ece"].map { $0[0] > 0.1 } == true)
    #expect(expected["oracle vs random|perm|8|1|accuracy_diff"].map { $0[3] < 16 } == true)
    #expect(expected["last-reveal vs oracle|perm|8|1|accuracy_diff"]?[3] == 16)

    let page = try String(contentsOfFile: directory.file("report/index.html"), encoding: .utf8)
    #expect(page.contains("<h2>Paired differences</h2>") && page.contains("oracle vs random"))
    #expect(FileManager.default.fileExists(atPath: directory.file("report/reliability.svg")))
  }

  /// Runs of different task files share no example: no `accuracy_diff` row, here or in the script.
  @Test func runsOfDifferentTaskFilesAreNeverPaired() throws {
    let directory = try TemporaryDirectory()
    for (name, seed) in [("t", "1"), ("u", "2")] {
      try Self.cwmbench(
        [
          "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "2", "--examples", "10",
          "--seed", seed, "--name", name, "--out", "tasks",
        ], in: directory)
    }
    try Self.cwmbench(["eval", "tasks/t.jsonl", "--model", "oracle", "--out", "runs/oracle", "--quiet"], in: directory)
    try Self.cwmbench(["eval", "tasks/u.jsonl", "--model", "random", "--out", "runs/random", "--quiet"], in: directory)
    try Self.cwmbench(["report", "runs/oracle", "runs/random", "--out", "report"], in: directory)
    let rows = try SummaryCSV.rows(atPath: directory.file("report/summary.csv"))
    #expect(rows.contains { $0["model"] == "random" } && rows.contains { $0["model"] == "oracle" })
    #expect(!rows.contains { $0["metric"] == "accuracy_diff" })
    #expect(try Self.recomputed(["runs/oracle", "runs/random"], in: directory).isEmpty)

    // Asked for explicitly, the pair is refused (usage, 64) with both task files named.
    let refused = try Binary.run(
      ["report", "runs/oracle", "runs/random", "--diff", "oracle,random", "--out", "report2"], in: directory.path)
    #expect(refused.status == 64)
    #expect(
      refused.stderr.contains("cannot compare 'oracle' and 'random': they ran different task files ('"),
      "\(refused.stderr)")
    #expect(refused.stderr.contains("t.jsonl") && refused.stderr.contains("u.jsonl"))
    #expect(!FileManager.default.fileExists(atPath: directory.file("report2/summary.csv")))
    for bad in ["oracle,nobody", "oracle", "oracle,oracle"] {
      let run = try Binary.run(["report", "runs/oracle", "runs/random", "--diff", bad], in: directory.path)
      #expect(run.status == 64, "--diff \(bad): \(run.stderr)")
    }
  }

  /// `--diff b,a` writes that one pair, as b minus a: the default pair's rows negated exactly.
  @Test func diffChoosesThePairAndItsSign() throws {
    let directory = try TemporaryDirectory()
    try Self.cwmbench(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "1,4", "--examples", "12",
        "--name", "t", "--out", "tasks",
      ], in: directory)
    for model in ["oracle", "random", "last-reveal"] {
      try Self.cwmbench(
        ["eval", "tasks/t.jsonl", "--model", model, "--out", "runs/" + model, "--quiet"], in: directory)
    }
    let runs = ["runs/oracle", "runs/random", "runs/last-reveal"]
    try Self.cwmbench(["report"] + runs + ["--out", "all"], in: directory)
    try Self.cwmbench(["report"] + runs + ["--diff", "random,oracle", "--out", "one"], in: directory)
    let all = try SummaryCSV.rows(atPath: directory.file("all/summary.csv")).filter { $0["metric"] == "accuracy_diff" }
    let one = try SummaryCSV.rows(atPath: directory.file("one/summary.csv")).filter { $0["metric"] == "accuracy_diff" }
    #expect(Set(all.map { $0["model"]! }) == ["last-reveal vs oracle", "last-reveal vs random", "oracle vs random"])
    #expect(one.map { $0["model"]! } == ["random vs oracle", "random vs oracle"])
    for row in one {
      let forward = try #require(all.first { $0["model"] == "oracle vs random" && $0["spacing"] == row["spacing"] })
      #expect(Double(row["value"]!)! == -Double(forward["value"]!)!)
      #expect(row["examples"] == forward["examples"] && row["examples"] == "12")
    }
  }
}
