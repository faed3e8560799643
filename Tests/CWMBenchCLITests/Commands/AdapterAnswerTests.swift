import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore

/// What an adapter answers successfully, before it is stored or shown (issue 22, items 5 and 14):
/// secrets in it are redacted, and `predicted` is cut as generated text is.
@Suite(.offCooperativePool) struct AdapterAnswerTests {
  static let leaky = "exec:python3 \(Binary.packageRoot)/Tests/Fixtures/adapters/leaky.py"
  static let key = "sk-leak-0123456789abcdefSECRET"

  func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

  func tasks(in directory: String) throws {
    let generated = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "4", "--examples", "3",
        "--name", "a",
      ], in: directory)
    #expect(generated.status == 0, "\(generated.stderr)")
  }

  /// The key in the hello name, in every span's `predicted` (score) and in generated text
  /// reaches none of results.jsonl, run.json, summary.csv, the SVGs, the page or the terminal.
  @Test(arguments: ["score", "generate"])
  func secretsInAnAdaptersAnswersAreRedactedEverywhere(mode: String) throws {
    let folder = try TemporaryDirectory()
    let directory = folder.path
    try tasks(in: directory)
    let eval = try Binary.run(
      ["eval", "out/a.jsonl", "--model", Self.leaky, "--mode", mode, "--out", "run"], in: directory,
      environment: ["CWMBENCH_API_KEY": Self.key])
    #expect(eval.status == 0, "\(eval.stderr)")
    let report = try Binary.run(["report", "run", "--out", "report"], in: directory)
    #expect(report.status == 0, "\(report.stderr)")
    var places: [(String, String)] = [
      ("eval stdout", eval.stdout), ("eval stderr", eval.stderr), ("report stdout", report.stdout),
      ("report stderr", report.stderr),
    ]
    for name in ["run/results.jsonl", "run/run.json"] { places.append((name, read(directory + "/" + name))) }
    for name in try FileManager.default.contentsOfDirectory(atPath: directory + "/report") {
      places.append(("report/" + name, read(directory + "/report/" + name)))
    }
    #expect(places.count > 6)
    for (name, text) in places {
      #expect(!text.contains("0123456789abcdef"), "the key leaks into \(name)")
    }
    #expect(read(directory + "/run/run.json").contains("leaky [redacted]"))
    #expect(read(directory + "/run/results.jsonl").contains("[redacted]"))
  }

  /// A `predicted` of a megabyte per span is cut to 4 × the answer + 64 characters, as
  /// generated text is: results.jsonl and the page stay small.
  @Test func predictedIsCutLikeGeneratedText() throws {
    let folder = try TemporaryDirectory()
    let directory = folder.path
    try tasks(in: directory)
    let eval = try Binary.run(
      ["eval", "out/a.jsonl", "--model", Self.leaky, "--mode", "score", "--out", "run", "--quiet"], in: directory,
      environment: ["LEAKY_PADDING": "1000000"])
    #expect(eval.status == 0, "\(eval.stderr)")
    let tasks = read(directory + "/out/a.jsonl").split(separator: "\n").map { try! JSONParser.parse(Array($0.utf8)) }
    let results = read(directory + "/run/results.jsonl").split(separator: "\n")
    #expect(results.count == 3)
    for line in results {
      let record = try JSONParser.parse(Array(line.utf8))
      let task = tasks.first { $0["id"] == record["id"] }
      let answers = task?["queries"]?.arrayValue?.compactMap { $0["answer"]?.stringValue } ?? []
      let predicted = record["queries"]?.arrayValue?.compactMap { $0["predicted"]?.stringValue } ?? []
      #expect(!answers.isEmpty && predicted.count == answers.count)
      for (text, answer) in zip(predicted, answers) {
        #expect(text.count == 4 * answer.count + 64)
        #expect(text.hasPrefix("nokeyxxx"))
      }
    }
    let report = try Binary.run(["report", "run", "--out", "report"], in: directory)
    #expect(report.status == 0, "\(report.stderr)")
    let page = (try? FileManager.default.attributesOfItem(atPath: directory + "/report/index.html")[.size] as? Int) ?? 0
    #expect(page < 1 << 20)
  }
}
