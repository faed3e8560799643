import CWMBenchTestSupport
import Foundation
import Testing

/// `report`'s `samples/` folder (docs/summary-csv.md, "The sample browser"): every example with
/// every model's answers, as the task and results files hold them; `--samples N` and `none`.
@Suite(.offCooperativePool) struct ReportSamplesTests {
  /// A suite of two cells of 7 examples, evaluated by two baselines.
  static func runs() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    let spec =
      #"{"name": "s", "seed": 4, "grid": {"family": ["perm"], "group": ["S3"], "length": [6], "spacing": [1, 3]}, "examples": 7}"#
    try spec.write(toFile: directory.file("s.json"), atomically: true, encoding: .utf8)
    for arguments in [
      ["generate", "s.json", "--out", "tasks"], ["eval", "tasks/s.jsonl", "--model", "last-reveal", "--out", "a"],
      ["eval", "tasks/s.jsonl", "--model", "random", "--out", "b"],
    ] {
      let result = try Binary.run(arguments, in: directory.path)
      try #require(result.status == 0, "\(arguments): \(result.stderr)")
    }
    return directory
  }

  static func lines(_ path: String) throws -> [[String: Any]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func everyExampleCarriesEveryModelsAnswersFromTheFiles() throws {
    let directory = try Self.runs()
    let result = try Binary.run(["report", "a", "b", "--out", "report"], in: directory.path)
    try #require(result.status == 0, "\(result.stderr)")
    let tasks = try Self.lines(directory.file("tasks/s.jsonl"))
    // Ground truth: the results files, by id.
    var answers: [String: [String: [[String: Any]]]] = [:]
    for run in ["a", "b"] {
      for line in try Self.lines(directory.file(run + "/results.jsonl")) {
        answers[line["id"] as! String, default: [:]][line["model"] as! String] = line["queries"] as? [[String: Any]]
      }
    }
    let index = try #require(
      try SampleFile.arguments(directory.file("report/samples/index.js")).first as? [String: Any])
    #expect(index["models"] as? [String] == ["last-reveal", "random"])
    let cells = try #require(index["cells"] as? [[String: Any]])
    #expect(cells.map { $0["count"] as? Int } == [7, 7] && cells.map { $0["total"] as? Int } == [7, 7])
    var seen: [String] = []
    for cell in cells {
      let number = try #require(cell["n"] as? Int)
      let rows = try #require(
        try SampleFile.arguments(directory.file("report/samples/rows-\(number).js")).last as? [[Any]])
      let entries = try #require(
        try SampleFile.arguments(directory.file("report/samples/detail-\(number)-0.js")).last as? [[String: Any]])
      #expect(rows.count == 7 && entries.count == 7)
      for (row, entry) in zip(rows, entries) {
        let id = try #require(entry["id"] as? String)
        #expect(row[0] as? String == id)
        let task = try #require(tasks.first { $0["id"] as? String == id })
        #expect(entry["text"] as? String == task["text"] as? String)
        let models = try #require(entry["m"] as? [[String: Any]])
        for (number, model) in ["last-reveal", "random"].enumerated() {
          let truth = try #require(answers[id]?[model])
          let shown = try #require(models[number]["r"] as? [[String: Any]])
          #expect(shown.map { $0["c"] as? Bool } == truth.map { $0["correct"] as? Bool }, "\(id) \(model)")
          #expect(shown.map { $0["p"] as? String } == truth.map { $0["predicted"] as? String })
          // The row's right count is the same answers, counted.
          #expect(row[3 + 2 * number] as? Int == truth.filter { $0["correct"] as? Bool == true }.count)
        }
        seen.append(id)
      }
    }
    #expect(seen.sorted() == tasks.map { $0["id"] as! String }.sorted())
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.file("report"))
      .filter { $0.hasPrefix(".samples") }
    #expect(leftovers.isEmpty)
  }

  /// A few-shot run's results name the solved examples put before each question (`shots`): the
  /// browser shows them beside that model's answers, and nothing for a model without them.
  @Test func aFewShotRunsShotsReachTheDetailFiles() throws {
    let directory = try Self.runs()
    let path = directory.file("a/results.jsonl")
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    try (lines.map { "{\"shots\": [\"t/1\", \"t/2\"], " + $0.dropFirst() }.joined(separator: "\n") + "\n")
      .write(toFile: path, atomically: true, encoding: .utf8)
    let result = try Binary.run(["report", "a", "b", "--out", "report"], in: directory.path)
    try #require(result.status == 0, "\(result.stderr)")
    let entries = try #require(
      try SampleFile.arguments(directory.file("report/samples/detail-0-0.js")).last as? [[String: Any]])
    #expect(entries.count == 7)
    for entry in entries {
      let models = try #require(entry["m"] as? [[String: Any]])
      #expect(models[0]["s"] as? [String] == ["t/1", "t/2"])
      #expect(models[1]["s"] == nil)
    }
  }

  @Test func aCapKeepsTheFirstExamplesOfEachCellAndNoneRemovesTheFolder() throws {
    let directory = try Self.runs()
    var result = try Binary.run(["report", "a", "b", "--out", "report", "--samples", "3"], in: directory.path)
    try #require(result.status == 0, "\(result.stderr)")
    let index = try #require(
      try SampleFile.arguments(directory.file("report/samples/index.js")).first as? [String: Any])
    let cells = try #require(index["cells"] as? [[String: Any]])
    #expect(cells.map { $0["count"] as? Int } == [3, 3] && cells.map { $0["total"] as? Int } == [7, 7])
    let tasks = try Self.lines(directory.file("tasks/s.jsonl")).map { $0["id"] as! String }
    let rows = try #require(try SampleFile.arguments(directory.file("report/samples/rows-0.js")).last as? [[Any]])
    #expect(rows.map { $0[0] as? String } == Array(tasks.prefix(3)))
    var page = try String(contentsOfFile: directory.file("report/index.html"), encoding: .utf8)
    #expect(page.contains("the first 3 examples of each cell"))

    result = try Binary.run(["report", "a", "b", "--out", "report", "--samples", "none"], in: directory.path)
    try #require(result.status == 0, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: directory.file("report/samples")))
    page = try String(contentsOfFile: directory.file("report/index.html"), encoding: .utf8)
    #expect(page.contains("<code>--samples none</code>: no sample browser") && !page.contains("class=\"to-samples\""))

    result = try Binary.run(["report", "a", "--out", "report", "--samples", "0"], in: directory.path)
    #expect(result.status == 64 && result.stderr.contains("expected 'all', 'none' or a positive number"))
  }
}
