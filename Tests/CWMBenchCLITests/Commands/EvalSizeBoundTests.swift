import CWMBenchTestSupport
import Foundation
import Testing

/// What an adapter writes is bounded before it is buffered or stored (issue 15, item 5).
@Suite(.offCooperativePool) struct EvalSizeBoundTests {
  static let adapter = "exec:python3 \(Binary.packageRoot)/Tests/Fixtures/adapters/oversized.py"

  func tasks(in directory: String) throws {
    let result = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "2", "--examples", "2", "--name",
        "b",
      ],
      in: directory)
    try #require(result.status == 0, "\(result.stderr)")
  }

  func eval(_ mode: String, in directory: String) throws -> (status: Int32, stdout: String, stderr: String) {
    let (process, stdout, stderr) = try Binary.start(
      ["eval", "out/b.jsonl", "--model", Self.adapter, "--mode", "generate", "--out", "run", "--max-restarts", "0"],
      in: directory, environment: ["OVERSIZED": mode])
    process.waitUntilExit()
    return (
      process.terminationStatus, (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? "",
      (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
    )
  }

  @Test func aLineOverTheProtocolBoundStopsTheRunWithoutBufferingIt() throws {
    let directory = try TemporaryDirectory()
    try tasks(in: directory.path)
    let result = try eval("line", in: directory.path)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("protocol lines are at most 16 MiB"), "\(result.stderr.suffix(600))")
    // Nothing of the 20 MiB line reached the results.
    let results = (try? Data(contentsOf: URL(fileURLWithPath: directory.file("run/results.jsonl")))) ?? Data()
    #expect(results.count < 4096, "\(results.count) bytes of results")
  }

  @Test func generatedTextIsCutBeforeItIsStored() throws {
    let directory = try TemporaryDirectory()
    try tasks(in: directory.path)
    let result = try eval("text", in: directory.path)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = try String(contentsOfFile: directory.file("run/results.jsonl"), encoding: .utf8)
      .split(separator: "\n")
    #expect(lines.count == 2)
    for line in lines {
      let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      for query in try #require(record["queries"] as? [[String: Any]]) {
        // The answers are `a 7`-like (3 characters): at most 4 × 3 + 64 characters are kept.
        let predicted = try #require(query["predicted"] as? String)
        #expect(predicted.count == 4 * 3 + 64, "\(predicted.count)")
      }
    }
  }
}
