import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate
@testable import CWMBenchReport

/// Killing an evaluation at any point loses nothing and duplicates nothing.
@Suite(.serialized, .offCooperativePool) struct EvalResumeTests {

  func resultIDs(_ path: String) throws -> [String] {
    var ids: [String] = []
    try LineReader.forEachLine(inFileAt: path) { line, number, terminated in
      #expect(terminated, "line \(number) is unterminated")
      ids.append(try ResultRecord(json: JSONParser.parse(line)).id)
    }
    return ids
  }

  @Test func sigkillThenResumeLosesAndDuplicatesNothing() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    let generated = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "2", "--examples", "150",
        "--name", "k",
      ],
      in: directory)
    #expect(generated.status == 0, "\(generated.stderr)")
    let script = "\(Binary.packageRoot)/Tests/Fixtures/adapters/slow_echo.py"
    // The same model spec every time (a different one would be refused on resume); the stall
    // is set through the environment the adapter inherits.
    let arguments = [
      "eval", "out/k.jsonl", "--model", "exec:python3 \(script)", "--out", "run", "--concurrency", "4", "--quiet",
    ]

    // The stalled adapters must die with the harness; whatever does not is killed at the end.
    let pidFile = directory + "/adapter-pids"
    defer { ChildProcesses.killSurvivors(ChildProcesses.pids(in: pidFile)) }
    // Twice: the adapter answers 20 requests and then stalls, so the kill always lands mid-run.
    for round in 1...2 {
      let (process, _, _) = try Binary.start(
        arguments, in: directory, environment: ["STALL_AFTER": "20", "PID_FILE": pidFile])
      let deadline = Date().addingTimeInterval(120)
      while Date() < deadline {
        let lines =
          (try? String(contentsOfFile: directory + "/run/results.jsonl", encoding: .utf8))?.split(separator: "\n").count
          ?? 0
        if lines >= 20 * round { break }
        try await Task.sleep(nanoseconds: 20_000_000)
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      #expect(process.terminationReason == .uncaughtSignal)
      #expect(await ChildProcesses.waitUntilGone(ChildProcesses.pids(in: pidFile), seconds: 10).isEmpty)
      let partial = try resultIDs(directory + "/run/results.jsonl")
      #expect(Set(partial).count == partial.count)
      #expect(partial.count == 20 * round)
    }
    let finished = try Binary.run(arguments, in: directory)
    #expect(finished.status == 0, "\(finished.stderr)")
    let ids = try resultIDs(directory + "/run/results.jsonl")
    let expected = try TaskFileReader.readAll(inFileAt: directory + "/out/k.jsonl").map(\.id)
    #expect(ids.count == expected.count)
    #expect(Set(ids) == Set(expected))
    let run = try JSONParser.parse([UInt8](FileManager.default.contents(atPath: directory + "/run/run.json")!))
    #expect(run["status"]?.stringValue == "complete")
    #expect(run["done"]?.intValue == 150)
    #expect((run["skipped"]?.intValue ?? 0) > 0)
  }

  @Test func ctrlCFinishesInFlightLinesAndExits130() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "2", "--examples", "150",
        "--name", "i",
      ], in: directory)
    // The adapter pauses for 5 s after 10 answers: the interrupt lands while requests are in flight.
    let adapter = "exec:python3 \(Binary.packageRoot)/Tests/Fixtures/adapters/slow_echo.py"
    let (process, stdout, _) = try Binary.start(
      ["eval", "out/i.jsonl", "--model", adapter, "--out", "run", "--concurrency", "4"], in: directory,
      environment: ["STALL_AFTER": "10", "STALL_SECONDS": "5"])
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let lines =
        (try? String(contentsOfFile: directory + "/run/results.jsonl", encoding: .utf8))?.split(separator: "\n").count
        ?? 0
      if lines >= 10 { break }
      try await Task.sleep(nanoseconds: 20_000_000)
    }
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    let ids = try resultIDs(directory + "/run/results.jsonl")
    #expect(ids.count >= 10 && ids.count < 150)
    let run = try JSONParser.parse([UInt8](FileManager.default.contents(atPath: directory + "/run/run.json")!))
    #expect(run["status"]?.stringValue == "interrupted")
    #expect(run["done"]?.intValue == ids.count)
    #expect(try String(contentsOfFile: stdout, encoding: .utf8).contains("\(ids.count)/150 examples done"))
  }

  @Test func ctrlCDuringGenerateLeavesNothingBehind() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    try
      #"{"name": "big", "seed": 1, "family": "perm", "examples": 200000, "grid": {"group": ["S5"], "length": [128], "spacing": [8]}}"#
      .write(toFile: directory + "/big.json", atomically: true, encoding: .utf8)
    let (process, _, stderr) = try Binary.start(["generate", "big.json", "--out", "out", "--jobs", "2"], in: directory)
    // Interrupt once the temporary file exists, i.e. mid-write.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/out")) ?? []
      if names.contains(where: { $0.hasPrefix(".big.jsonl.tmp") }) { break }
      try await Task.sleep(nanoseconds: 10_000_000)
    }
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    #expect(process.terminationStatus == 130, "\((try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "")")
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory + "/out")) ?? []).isEmpty)
  }

  @Test func aTruncatedLastLineIsDroppedAndAskedAgain() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "2", "--examples", "5", "--name",
        "t",
      ], in: directory)
    var result = try Binary.run(["eval", "out/t.jsonl", "--model", "oracle", "--out", "run"], in: directory)
    #expect(result.status == 0)
    // Simulate a write cut short: drop the last line's end.
    let path = directory + "/run/results.jsonl"
    var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
    bytes.removeLast(10)
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    result = try Binary.run(["eval", "out/t.jsonl", "--model", "oracle", "--out", "run"], in: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("resuming: 4 already done"))
    #expect(try resultIDs(path).count == 5)
  }

  @Test func resumingWithAnotherTaskFileIsRefused() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "2", "--examples", "3", "--name",
        "a",
      ], in: directory)
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "2", "--examples", "3", "--name",
        "a", "--seed", "9", "--out", "other",
      ], in: directory)
    var result = try Binary.run(["eval", "out/a.jsonl", "--model", "oracle", "--out", "run"], in: directory)
    #expect(result.status == 0)
    result = try Binary.run(["eval", "other/a.jsonl", "--model", "oracle", "--out", "run"], in: directory)
    #expect(result.status == 64)
    #expect(result.stderr.contains("different tasks sha256"))
    result = try Binary.run(["eval", "other/a.jsonl", "--model", "oracle", "--out", "run", "--fresh"], in: directory)
    #expect(result.status == 0)
  }

  @Test func shardsPartitionTheFile() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "1", "--examples", "11",
        "--name", "s",
      ], in: directory)
    var all: [String] = []
    for shard in 1...3 {
      let result = try Binary.run(
        ["eval", "out/s.jsonl", "--model", "random", "--shard", "\(shard)/3", "--out", "run\(shard)"], in: directory)
      #expect(result.status == 0, "\(result.stderr)")
      all += try resultIDs(directory + "/run\(shard)/results.jsonl")
    }
    #expect(all.count == 11 && Set(all).count == 11)
  }

  static let badInvocations: [([String], Int32, String)] = [
    (["eval", "missing.jsonl", "--model", "oracle"], 66, "no task file at 'missing.jsonl'"),
    (["eval", "bad.jsonl", "--model", "oracle"], 65, "'bad.jsonl' line 2"),
    (["eval", "out/g.jsonl", "--model", "gpt-7"], 64, "unknown model 'gpt-7'"),
    (
      ["eval", "out/g.jsonl", "--model", "oracle", "--shard", "4/3"], 64,
      "The value '4/3' is invalid for '--shard <i/n>'"
    ),
    (["eval", "out/g.jsonl", "--model", "exec:/nonexistent/adapter"], 1, "cannot start model"),
    (
      [
        "eval", "out/g.jsonl", "--model", "exec:python3 \(Binary.packageRoot)/Tests/Fixtures/adapters/silent.py",
        "--start-timeout", "1",
      ], 1,
      "did not start within 1s (see --start-timeout)"
    ),
  ]

  @Test(arguments: badInvocations)
  func badInputGetsAClearErrorAndTheRightCode(arguments: [String], status: Int32, message: String) async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "2", "--examples", "2", "--name",
        "g",
      ], in: directory)
    let good = try String(contentsOfFile: directory + "/out/g.jsonl", encoding: .utf8).split(separator: "\n")
    try (good[0] + "\n{\"id\": 3}\n").write(toFile: directory + "/bad.jsonl", atomically: true, encoding: .utf8)
    let result = try Binary.run(arguments, in: directory)
    #expect(result.status == status, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!result.stderr.contains("Fatal error"))
  }
}
