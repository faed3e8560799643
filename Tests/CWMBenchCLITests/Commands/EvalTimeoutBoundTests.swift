import CWMBenchTestSupport
import Foundation
import Testing

/// Timeouts past what the clock can wait for are refused before anything runs (issue 22, item 2).
@Suite(.offCooperativePool) struct EvalTimeoutBoundTests {
  static let trivial = "exec:python3 \(Binary.packageRoot)/Tests/Fixtures/adapters/trivial.py"

  /// A 20 KB trace scales the timeout 40-fold; 1e9 s used to pass validation and trap at the
  /// first wait. Every value past the bound, for either option, exits 64 naming the range.
  @Test(arguments: ["--timeout", "--start-timeout"], ["1000000000", "1e10", "1000001", "9e300"])
  func timeoutsPastTheBoundExit64NamingTheRange(option: String, value: String) throws {
    let folder = try TemporaryDirectory()
    let generated = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "1500", "--spacing", "4", "--examples", "1",
        "--name", "long",
      ], in: folder.path)
    #expect(generated.status == 0, "\(generated.stderr)")
    let size = (try? FileManager.default.attributesOfItem(atPath: folder.file("out/long.jsonl"))[.size] as? Int) ?? 0
    #expect(size > 20_000)
    let eval = try Binary.run(
      ["eval", "out/long.jsonl", "--model", Self.trivial, option, value, "--out", "run", "--quiet"], in: folder.path)
    #expect(eval.status == 64, "\(eval.stderr)")
    #expect(eval.stderr.contains("'\(option) <seconds>': expected seconds > 0 and at most 1000000"), "\(eval.stderr)")
  }

  /// The largest accepted timeout on the same trace runs to the end.
  @Test func theLargestTimeoutOnALargeTraceRuns() throws {
    let folder = try TemporaryDirectory()
    let generated = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "1500", "--spacing", "4", "--examples", "1",
        "--name", "long",
      ], in: folder.path)
    #expect(generated.status == 0, "\(generated.stderr)")
    let eval = try Binary.run(
      [
        "eval", "out/long.jsonl", "--model", Self.trivial, "--timeout", "1000000", "--start-timeout", "1000000",
        "--out", "run", "--quiet",
      ], in: folder.path)
    #expect(eval.status == 0, "\(eval.stderr)")
  }
}
