import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate
@testable import CWMBenchReport

/// The eval run folder, driven through the binary with fixture adapters: its lock, what
/// `complete` means, signals, the task file checked before the first request, and a task
/// path that resolves from anywhere (issue 15, items 3, 4, 9, 10, 11, 12).
@Suite(.serialized, .offCooperativePool) struct EvalRunFolderTests {
  static let adapters = "\(Binary.packageRoot)/Tests/Fixtures/adapters"

  func generate(_ name: String, examples: Int, in directory: String, length: Int = 8) throws {
    let result = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", String(length), "--spacing", "2",
        "--examples", String(examples), "--name", name,
      ],
      in: directory)
    #expect(result.status == 0, "\(result.stderr)")
  }

  func lineCount(_ path: String) -> Int {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").count
  }

  func waitForLines(_ path: String, atLeast count: Int, seconds: Double = 60) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline, lineCount(path) < count { try await Task.sleep(nanoseconds: 20_000_000) }
  }

  func runJSON(_ folder: String) throws -> JSONValue {
    try JSONParser.parse([UInt8](FileManager.default.contents(atPath: folder + "/run.json") ?? Data()))
  }

  func resultRecords(_ path: String) throws -> [ResultRecord] {
    var records: [ResultRecord] = []
    try LineReader.forEachLine(inFileAt: path) { line, _, _ in
      records.append(try ResultRecord(json: JSONParser.parse(line)))
    }
    return records
  }

  // MARK: - Item 3: the lock on --out, and results without run.json

  @Test func aSecondRunIntoALockedFolderIsRefusedAtOnceAndAStaleLockIsTakenOver() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try generate("k", examples: 30, in: directory)
    let pidFile = directory + "/adapter-pids"
    defer { ChildProcesses.killSurvivors(ChildProcesses.pids(in: pidFile)) }
    let arguments = [
      "eval", "out/k.jsonl", "--model", "exec:python3 \(Self.adapters)/slow_echo.py", "--out", "run",
      "--concurrency", "1", "--quiet",
    ]
    // The first run answers 3 examples, then stalls while holding the folder.
    let (first, _, _) = try Binary.start(
      arguments, in: directory, environment: ["STALL_AFTER": "3", "PID_FILE": pidFile])
    defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
    let results = directory + "/run/results.jsonl"
    try await waitForLines(results, atLeast: 3)
    #expect(lineCount(results) == 3)

    let second = try Binary.run(arguments, in: directory, environment: ["PID_FILE": pidFile])
    #expect(second.status == 1, "\(second.stderr)")
    #expect(second.stderr.contains("/run' is in use by process \(first.processIdentifier)"), "\(second.stderr)")
    #expect(lineCount(results) == 3, "the refused run appended to results.jsonl")
    #expect(ChildProcesses.pids(in: pidFile).count == 1, "the refused run started a model")

    // SIGKILL leaves run.lock behind; the kernel has dropped the lock, so the next run takes it over.
    kill(first.processIdentifier, SIGKILL)
    first.waitUntilExit()
    #expect(FileManager.default.fileExists(atPath: directory + "/run/run.lock"))
    let third = try Binary.run(arguments, in: directory, environment: ["PID_FILE": pidFile])
    #expect(third.status == 0, "\(third.stderr)")
    let ids = try resultRecords(results).map(\.id)
    #expect(ids.count == 30 && Set(ids).count == 30)
    #expect(!FileManager.default.fileExists(atPath: directory + "/run/run.lock"), "a finished run leaves no lock file")
  }

  @Test func resultsWithoutRunJSONAreRefusedUnlessFresh() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try generate("o", examples: 6, in: directory, length: 4)
    #expect(try Binary.run(["eval", "out/o.jsonl", "--model", "oracle", "--out", "run"], in: directory).status == 0)
    try FileManager.default.removeItem(atPath: directory + "/run/run.json")
    let before = try String(contentsOfFile: directory + "/run/results.jsonl", encoding: .utf8)

    let refused = try Binary.run(["eval", "out/o.jsonl", "--model", "random", "--out", "run"], in: directory)
    #expect(refused.status == 64, "\(refused.stderr)")
    #expect(refused.stderr.contains("holds results.jsonl but no run.json"), "\(refused.stderr)")
    #expect(try String(contentsOfFile: directory + "/run/results.jsonl", encoding: .utf8) == before)

    let fresh = try Binary.run(["eval", "out/o.jsonl", "--model", "random", "--out", "run", "--fresh"], in: directory)
    #expect(fresh.status == 0, "\(fresh.stderr)")
    let records = try resultRecords(directory + "/run/results.jsonl")
    #expect(records.count == 6 && records.allSatisfy { $0.model == "random" })
  }

  // MARK: - Item 4: complete means every example has an answer

  @Test func failedExamplesMakeTheRunIncompleteAndRunningAgainRetriesThem() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try generate("f", examples: 5, in: directory, length: 4)
    let arguments = [
      "eval", "out/f.jsonl", "--model", "exec:python3 \(Self.adapters)/failing.py", "--out", "run",
      "--retries", "0", "--mode", "score",
    ]

    let all = try Binary.run(arguments, in: directory, environment: ["FAIL": "all"])
    #expect(all.status == 1, "\(all.stderr)")
    var runFile = try runJSON(directory + "/run")
    #expect(runFile["status"]?.stringValue == "incomplete")
    #expect(runFile["done"]?.intValue == 0 && runFile["failed"]?.intValue == 5)
    let lastLine = all.stderr.split(separator: "\n").last.map(String.init) ?? ""
    #expect(lastLine.contains("5 of 5 examples have no answer"), "\(all.stderr)")
    #expect(lastLine.contains("running the same command again retries them"), "\(all.stderr)")

    // Some fail: still not complete.
    let some = try Binary.run(arguments, in: directory, environment: ["FAIL": "odd"])
    #expect(some.status == 1, "\(some.stderr)")
    runFile = try runJSON(directory + "/run")
    #expect(runFile["status"]?.stringValue == "incomplete")
    let failed = runFile["failed"]?.intValue ?? -1
    #expect(failed > 0 && failed < 5)
    #expect(runFile["done"]?.intValue == 5 - failed)

    // The model recovers: the failed ones are asked again and the run is complete.
    let none = try Binary.run(arguments, in: directory, environment: ["FAIL": "none"])
    #expect(none.status == 0, "\(none.stderr)")
    runFile = try runJSON(directory + "/run")
    #expect(runFile["status"]?.stringValue == "complete")
    #expect(runFile["done"]?.intValue == 5 && runFile["failed"]?.intValue == 0)
    let records = try resultRecords(directory + "/run/results.jsonl")
    #expect(records.count == 5 && Set(records.map(\.id)).count == 5 && records.allSatisfy { $0.error == nil })
  }

  // MARK: - Item 9: SIGTERM and SIGHUP, and adapters that die with the harness

  @Test(arguments: [SIGTERM, SIGHUP])
  func terminationSignalsStopLikeCtrlC(signal: Int32) async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try generate("s", examples: 100, in: directory)
    let pidFile = directory + "/adapter-pids"
    defer { ChildProcesses.killSurvivors(ChildProcesses.pids(in: pidFile)) }
    // The adapter pauses for 5 s after 10 answers, so the signal lands with requests in flight.
    let (process, stdout, _) = try Binary.start(
      [
        "eval", "out/s.jsonl", "--model", "exec:python3 \(Self.adapters)/slow_echo.py", "--out", "run", "--concurrency",
        "4",
      ],
      in: directory, environment: ["STALL_AFTER": "10", "STALL_SECONDS": "5", "PID_FILE": pidFile])
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    try await waitForLines(directory + "/run/results.jsonl", atLeast: 10)
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 130)
    let ids = try resultRecords(directory + "/run/results.jsonl").map(\.id)
    #expect(ids.count >= 10 && ids.count < 100)
    let runFile = try runJSON(directory + "/run")
    #expect(runFile["status"]?.stringValue == "interrupted")
    #expect(runFile["done"]?.intValue == ids.count)
    #expect(try String(contentsOfFile: stdout, encoding: .utf8).contains("\(ids.count)/100 examples done"))
    #expect(await ChildProcesses.waitUntilGone(ChildProcesses.pids(in: pidFile), seconds: 10).isEmpty)
  }

  @Test func aStalledAdapterDiesWithASIGKILLedHarness() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try generate("z", examples: 20, in: directory)
    let pidFile = directory + "/adapter-pids"
    defer { ChildProcesses.killSurvivors(ChildProcesses.pids(in: pidFile)) }
    let (process, _, _) = try Binary.start(
      ["eval", "out/z.jsonl", "--model", "exec:python3 \(Self.adapters)/slow_echo.py", "--out", "run", "--quiet"],
      in: directory, environment: ["STALL_AFTER": "2", "PID_FILE": pidFile])
    try await waitForLines(directory + "/run/results.jsonl", atLeast: 2)
    let adapters = ChildProcesses.pids(in: pidFile)
    #expect(adapters.count == 1 && adapters.allSatisfy(ChildProcesses.isAlive))
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    // The adapter stalls in a loop and never reads its stdin's EOF: only the parent-death signal ends it.
    let survivors = await ChildProcesses.waitUntilGone(adapters, seconds: 10)
    #expect(survivors.isEmpty, "adapter processes \(survivors) outlived the harness")
  }

  // MARK: - Item 10: the task file is checked before the first request

  /// A good 3-line task file with one line changed by `edit` (line number, 1-based).
  static let badFiles: [(name: String, line: Int, message: String)] = [
    ("span", 2, "'bad.jsonl' line 2: field 'queries[0].answer': expected the text at"),
    ("candidates", 2, "'bad.jsonl' line 2: field 'queries[0].candidates': the answer"),
    ("duplicate", 3, "'bad.jsonl' line 3: field 'id': duplicate id"),
    ("malformed", 3, "'bad.jsonl' line 3: field 'family'"),
  ]

  @Test(arguments: badFiles)
  func aBadTaskFileIsRefusedBeforeAnythingIsAskedOrWritten(name: String, line: Int, message: String) async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try generate("g", examples: 3, in: directory, length: 4)
    var lines = try String(contentsOfFile: directory + "/out/g.jsonl", encoding: .utf8).split(separator: "\n").map(
      String.init)
    var json = try JSONParser.parse(Array(lines[line - 1].utf8))
    guard case .object(var example) = json, case .array(var queries) = example["queries"],
      case .object(var query) = queries[0], let answer = query["answer"]?.stringValue
    else {
      Issue.record("unexpected task line \(lines[line - 1])")
      return
    }
    switch name {
    case "span": query["answer"] = .string(answer == "a 1" ? "a 2" : "a 1")
    case "candidates": query["candidates"] = .array([.string("x 9"), .string("y 9")])
    case "duplicate": example["id"] = try JSONParser.parse(Array(lines[0].utf8))["id"]
    default: example["family"] = .int(3)
    }
    queries[0] = .object(query)
    example["queries"] = .array(queries)
    json = .object(example)
    lines[line - 1] = JSONWriter.encode(json)
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: directory + "/bad.jsonl", atomically: true, encoding: .utf8)

    // A model that would answer everything, and an output folder that does not exist yet.
    let result = try Binary.run(
      [
        "eval", "bad.jsonl", "--model", "exec:python3 \(Self.adapters)/trivial.py", "--out", "run", "--concurrency",
        "1",
      ],
      in: directory)
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(
      !FileManager.default.fileExists(atPath: directory + "/run"), "something was written before the file was refused")
  }

  // MARK: - Item 11: the task path resolves from anywhere

  @Test func runJSONRecordsTheTaskFileRelativeToTheRunFolder() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let work = directory + "/work", elsewhere = directory + "/elsewhere"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
    try generate("r", examples: 4, in: work, length: 4)
    let evaluated = try Binary.run(["eval", "out/r.jsonl", "--model", "oracle", "--out", "runs/oracle"], in: work)
    #expect(evaluated.status == 0, "\(evaluated.stderr)")
    let recorded = try runJSON(work + "/runs/oracle")["tasks"]?.stringValue
    #expect(recorded == "../../out/r.jsonl")

    // From another directory, by a relative and by an absolute path; then with the whole tree moved.
    for runPath in ["../work/runs/oracle", work + "/runs/oracle"] {
      let report = try Binary.run(["report", runPath, "--out", "report"], in: elsewhere)
      #expect(report.status == 0, "\(report.stderr)")
      // The page names the run folder relative to itself, never by a path of this machine.
      let page = try String(contentsOfFile: elsewhere + "/report/index.html", encoding: .utf8)
      #expect(!page.contains(directory), "index.html holds an absolute path")
      #expect(page.contains("runs: <code>../../work/runs/oracle</code>"))
    }
    try FileManager.default.moveItem(atPath: work, toPath: directory + "/moved")
    let moved = try Binary.run(["report", "../moved/runs/oracle", "--out", "report2"], in: elsewhere)
    #expect(moved.status == 0, "\(moved.stderr)")
    let summary = try String(contentsOfFile: elsewhere + "/report2/summary.csv", encoding: .utf8)
    #expect(summary.contains("oracle,perm,S3"))
  }

  // MARK: - Item 12: negative counts

  static let negativeOptions: [([String], String)] = [
    (["--limit", "-1"], "the value '-1' is invalid for '--limit': expected at least 1"),
    (["--max-restarts", "-1"], "The value '-1' is invalid for '--max-restarts <n>': expected 0 or more"),
  ]

  @Test(arguments: negativeOptions)
  func negativeCountsAreUsageErrors(option: [String], message: String) async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try generate("n", examples: 2, in: directory, length: 4)
    let result = try Binary.run(
      ["eval", "out/n.jsonl", "--model", "exec:python3 \(Self.adapters)/trivial.py", "--out", "run"] + option,
      in: directory)
    #expect(result.status == 64, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: directory + "/run"))
  }
}
