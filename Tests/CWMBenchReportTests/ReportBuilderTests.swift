import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// End-to-end: task files, run folders and results on disk, hand-computed expectations.
@Suite(.offCooperativePool) struct ReportBuilderTests {
  static let permText =
    ">>> a = 1\n>>> b = 2\n>>> c = 3\n>>> a, b = b, a\n>>> print('a', a)\na 2\n>>> b, c = c, b\n>>> print('c', c)\nc 1\n"

  static func query(_ text: String, _ answer: String, step: Int, candidates: [String], probs: [Double]?) -> JSONValue {
    let start = offset(of: "\n" + answer + "\n", in: text) + 1
    var object: [String: JSONValue] = [
      "start": .int(start), "end": .int(start + answer.utf8.count), "answer": .string(answer), "step": .int(step),
      "since_reveal": .int(1), "candidates": .array(candidates.map(JSONValue.string)),
    ]
    object["probs"] = probs.map { .array($0.map(JSONValue.double)) } ?? .null
    return .object(object)
  }

  static func offset(of needle: String, in text: String) -> Int {
    text.utf8.distance(from: text.startIndex, to: text.range(of: needle)!.lowerBound)
  }

  static func permExample(_ index: Int) -> String {
    JSONWriter.encode(
      .object([
        "id": .string("perm/S3/swap/one/T2/k1/\(index)"), "family": .string("perm"),
        "params": .object([
          "group": .string("S3"), "n": .int(3), "length": .int(2), "spacing": .int(1), "actions": .string("swap"),
          "reveal": .string("one"), "max_value": .int(9), "hidden": .int(0), "choices": .int(2),
          "render": .string("repl"),
        ]),
        "text": .string(permText),
        "queries": .array([
          query(permText, "a 2", step: 1, candidates: ["a 1", "a 2", "a 3"], probs: nil),
          query(permText, "c 1", step: 2, candidates: ["c 1", "c 2", "c 3"], probs: nil),
        ]),
      ]))
  }

  static let pfsaText =
    ">>> import random\n>>> a = 1\n>>> b = 2\n>>> a, b = random.choice([(a, b), (b, a)])\n>>> print('a', a)\na 2\n>>> a, b = random.choice([(a, b), (b, a)])\n>>> print('a', a)\na 1\n"

  static func pfsaExample() -> String {
    JSONWriter.encode(
      .object([
        "id": .string("pfsa/S2/swap/one/h1/c2/T2/k1/0"), "family": .string("pfsa"),
        "params": .object([
          "group": .string("S2"), "n": .int(2), "length": .int(2), "spacing": .int(1), "actions": .string("swap"),
          "reveal": .string("one"), "max_value": .int(9), "hidden": .int(1), "choices": .int(2),
          "render": .string("repl"),
        ]),
        "text": .string(pfsaText),
        "queries": .array([
          query(pfsaText, "a 2", step: 1, candidates: ["a 1", "a 2"], probs: [0.25, 0.75]),
          query(pfsaText, "a 1", step: 2, candidates: ["a 1", "a 2"], probs: [0.5, 0.5]),
        ]),
      ]))
  }

  static func result(
    _ id: String, model: String, _ queries: [(Bool, String, [Double]?)], error: String? = nil, mode: String = "choice"
  ) -> String {
    JSONWriter.encode(
      .object([
        "id": .string(id), "model": .string(model), "mode": .string(mode),
        "queries": .array(
          queries.map { correct, predicted, probs in
            .object([
              "correct": .bool(correct), "logprob": .null, "predicted": .string(predicted),
              "probs": probs.map { .array($0.map(JSONValue.double)) } ?? .null,
            ])
          }),
        "error": error.map(JSONValue.string) ?? .null,
      ]))
  }

  /// A scratch folder with a task file and helpers to add runs.
  struct Scratch {
    let root: String
    init() throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent("cwmbench-report-\(UUID().uuidString)").path
      try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }
    func write(_ name: String, _ text: String) throws {
      let path = root + "/" + name
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    func run(_ name: String, model: String, tasks: String, trainLength: Int? = nil, lines: [String]) throws -> String {
      let tasksJSON = JSONWriter.encode(.string(root + "/" + tasks))
      try write(
        name + "/run.json",
        "{\"model\": \"exec:x\", \"model_name\": \(JSONWriter.encode(.string(model))), \"tasks\": \(tasksJSON), \"train_length\": \(trainLength.map(String.init) ?? "null")}\n"
      )
      try write(name + "/results.jsonl", lines.map { $0 + "\n" }.joined())
      return root + "/" + name
    }
    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
  }

  /// Rows keyed `model|group|metric`, each with the shell game's columns in a fixed order
  /// (model, family, group, n, actions, reveal, hidden, length, spacing, metric, value, ci_low,
  /// ci_high, examples, queries), read by the header's names.
  static func csvRows(_ csv: String) -> [String: [String]] {
    let lines = csv.split(separator: "\n")
    let header = lines[0].split(separator: ",").map(String.init)
    let columns = [
      "model", "family", "group", "n", "actions", "reveal", "hidden", "length", "spacing", "metric", "value", "ci_low",
      "ci_high", "examples", "queries",
    ].map { header.firstIndex(of: $0)! }
    var rows: [String: [String]] = [:]
    for line in lines.dropFirst() {
      let all = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let fields = columns.map { all[$0] }
      rows[fields[0] + "|" + fields[2] + "|" + fields[9]] = fields
    }
    return rows
  }

  @Test func mergesShardsAndComputesHandCheckedMetrics() throws {
    let scratch = try Scratch()
    try scratch.write("tasks/suite.jsonl", (0..<4).map { Self.permExample($0) + "\n" }.joined())
    let id = { (i: Int) in "perm/S3/swap/one/T2/k1/\(i)" }
    let shard1 = try scratch.run(
      "run1", model: "m", tasks: "tasks/suite.jsonl", trainLength: 64,
      lines: [Self.result(id(0), model: "m", [(true, "a 2", nil), (true, "c 1", nil)])])
    let shard2 = try scratch.run(
      "run2", model: "m", tasks: "tasks/suite.jsonl",
      lines: [
        Self.result(id(1), model: "m", [(true, "a 2", nil), (false, "<script>alert(1)</script>", nil)]),
        Self.result(id(2), model: "m", [], error: "context too long"),
      ])
    let summary = try ReportBuilder(runs: [shard1, shard2]).write(to: scratch.root + "/out")
    #expect(
      summary.files.map { ($0 as NSString).lastPathComponent }
        == [
          "summary.csv", "headline.csv", "summary.tex", "accuracy_vs_spacing.svg", "accuracy_vs_length.svg",
          "accuracy_heatmap.svg",
          "index.html",
        ])
    let rows = Self.csvRows(try scratch.read(scratch.root + "/out/summary.csv"))
    // accuracy 3/4 over 2 examples; final 1/2 and sequence 1/2 with the Wilson interval of 1/2.
    #expect(rows["m|S3|accuracy"]?[10...] == ["0.75", "0.5", "1", "2", "4"])
    let final = try #require(rows["m|S3|final_accuracy"])
    #expect(final[10] == "0.5" && final[13] == "2" && final[14] == "2")
    #expect(abs(Double(final[11])! - 0.0945) < 1e-4 && abs(Double(final[12])! - 0.9055) < 1e-4)
    #expect(rows["m|S3|sequence_accuracy"]?[10] == "0.5")
    #expect(rows.count == 3)

    let model = try #require(summary.data.models.first)
    #expect(model.missing == [id(3)])
    #expect(model.failed.map(\.id) == [id(2)] && model.failed.first?.error == "context too long")
    #expect(model.trainLength == 64)
    #expect(model.worst.first?.example.id == id(1))
    let html = try scratch.read(scratch.root + "/out/index.html")
    #expect(!html.contains("<script>alert"))
    // The model's text reaches the sample browser verbatim, as a JSON string the page shows with textContent.
    let chunk = try SampleFile.arguments(scratch.root + "/out/samples/detail-0-0.js")
    let entries = try #require(chunk.last as? [[String: Any]])
    #expect(entries.map { $0["id"] as? String } == (0..<4).map(id))
    let answers = entries.map { ($0["m"] as? [Any])?.first as? [String: Any] }
    let second = (answers[1]?["r"] as? [[String: Any]])?.last
    #expect(second?["p"] as? String == "<script>alert(1)</script>" && second?["c"] as? Bool == false)
    #expect(answers[2] == nil && answers[3] == nil, "a failed and a missing example have no answers")
    let index = try #require(try SampleFile.arguments(scratch.root + "/out/samples/index.js").first as? [String: Any])
    #expect(index["models"] as? [String] == ["m"])
    let cells = try #require(index["cells"] as? [[String: Any]])
    #expect(cells.count == 1 && cells[0]["tallies"] as? [[Int]] == [[2, 1, 0, 0]])
    #expect(summary.warnings.contains { $0.contains("no result for 1 example(s), e.g. '\(id(3))'") })
    #expect(summary.warnings.contains { $0.contains("failed on 1 example(s)") })
  }

  @Test func pfsaMetricsMatchHandComputation() throws {
    let scratch = try Scratch()
    try scratch.write("p.jsonl", Self.pfsaExample() + "\n")
    let run = try scratch.run(
      "run", model: "chooser", tasks: "p.jsonl",
      lines: [
        Self.result(
          "pfsa/S2/swap/one/h1/c2/T2/k1/0", model: "chooser", [(false, "a 1", [0.5, 0.5]), (true, "a 1", [0.9, 0.1])])
      ])
    let summary = try ReportBuilder(runs: [run]).write(to: scratch.root + "/out")
    #expect(summary.files.contains(scratch.root + "/out/excess_nll_vs_spacing.svg"))
    let rows = Self.csvRows(try scratch.read(scratch.root + "/out/summary.csv"))
    func value(_ metric: String) -> Double? { rows["chooser|S2|\(metric)"].flatMap { Double($0[10]) } }
    let nll = (-log(0.5) - log(0.9)) / 2
    let bayesNLL = (-log(0.75) - log(0.5)) / 2
    #expect(value("accuracy") == 0.5)
    #expect(value("bayes_accuracy") == 1)  // argmax 0.75 is right; the 0.5/0.5 tie picks index 0, right too
    #expect(abs(value("nll")! - nll) < 1e-12)
    #expect(abs(value("excess_nll")! - (nll - bayesNLL)) < 1e-12)
    #expect(abs(value("tv")! - (0.25 + 0.4) / 2) < 1e-12)
    // Brier against the posterior: (0.25² + 0.25²) and (0.4² + 0.4²), over 2 queries.
    #expect(abs(value("brier")! - (0.125 + 0.32) / 2) < 1e-12)
    // ECE: the tie picks 'a 1' at 0.5 (posterior 0.25, bin 5); 0.9 in bin 9 (posterior 0.5).
    #expect(abs(value("ece")! - (abs(0.5 - 0.25) + abs(0.9 - 0.5)) / 2) < 1e-12)
    #expect(summary.files.contains(scratch.root + "/out/reliability.svg"))
    #expect(rows.count == 9)
  }

  @Test func refusesDifferentTaskFilesUnderOneName() throws {
    let scratch = try Scratch()
    try scratch.write("a/suite.jsonl", Self.permExample(0) + "\n")
    try scratch.write("b/suite.jsonl", Self.permExample(1) + "\n")
    let first = try scratch.run(
      "r1", model: "m", tasks: "a/suite.jsonl",
      lines: [Self.result("perm/S3/swap/one/T2/k1/0", model: "m", [(true, "a 2", nil), (true, "c 1", nil)])])
    let second = try scratch.run(
      "r2", model: "m", tasks: "b/suite.jsonl",
      lines: [Self.result("perm/S3/swap/one/T2/k1/1", model: "m", [(true, "a 2", nil), (true, "c 1", nil)])])
    #expect(
      throws: ReportError.conflictingTaskFiles(
        name: "suite.jsonl", first: scratch.root + "/a/suite.jsonl", second: scratch.root + "/b/suite.jsonl")
    ) {
      try ReportBuilder(runs: [first, second]).build()
    }
  }

  @Test func refusesOneModelNameOverDifferentModes() throws {
    let scratch = try Scratch()
    try scratch.write("suite.jsonl", Self.permExample(0) + "\n" + Self.permExample(1) + "\n")
    let first = try scratch.run(
      "r1", model: "m", tasks: "suite.jsonl",
      lines: [
        Self.result("perm/S3/swap/one/T2/k1/0", model: "m", [(true, "a 2", nil), (true, "c 1", nil)], mode: "score")
      ])
    let second = try scratch.run(
      "r2", model: "m", tasks: "suite.jsonl",
      lines: [
        Self.result("perm/S3/swap/one/T2/k1/1", model: "m", [(true, "a 2", nil), (true, "c 1", nil)], mode: "generate")
      ])
    #expect(throws: ReportError.conflictingModes(model: "m", first: .score, second: .generate, run: second)) {
      try ReportBuilder(runs: [first, second]).build()
    }
  }

  @Test func resolvesTasksAgainstTheRunFolderAndChecksTheirHash() throws {
    let scratch = try Scratch()
    try scratch.write("run/tasks.jsonl", Self.permExample(0) + "\n")
    let line = Self.result("perm/S3/swap/one/T2/k1/0", model: "m", [(true, "a 2", nil), (false, "c 2", nil)])
    try scratch.write("run/results.jsonl", line + "\n")
    // A relative 'tasks' that does not exist in the current directory resolves inside the run folder.
    let name = "tasks-\(UUID().uuidString).jsonl"
    try FileManager.default.moveItem(atPath: scratch.root + "/run/tasks.jsonl", toPath: scratch.root + "/run/" + name)
    try scratch.write("run/run.json", "{\"model\": \"m\", \"tasks\": \"\(name)\", \"tasks_sha256\": null}")
    let data = try ReportBuilder(runs: [scratch.root + "/run"]).build()
    #expect(data.rows.first { $0.metric == .accuracy }?.value == 0.5)
    // A recorded hash that does not match the file means the task file changed since the run.
    try scratch.write(
      "run/run.json",
      "{\"model\": \"m\", \"tasks\": \"\(name)\", \"tasks_sha256\": \"\(String(repeating: "0", count: 64))\"}")
    let error = #expect(throws: ReportError.self) { try ReportBuilder(runs: [scratch.root + "/run"]).build() }
    #expect(error?.description.contains("has changed since the run") == true)
  }

  @Test func namesAFolderWithoutResults() throws {
    let scratch = try Scratch()
    try FileManager.default.createDirectory(atPath: scratch.root + "/empty", withIntermediateDirectories: true)
    let error = #expect(throws: ReportError.self) { try ReportBuilder(runs: [scratch.root + "/empty"]).build() }
    #expect(error?.description == "run folder '\(scratch.root)/empty' has no results.jsonl")
  }
}
