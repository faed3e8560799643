import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats

/// Issue 22's parsing, generation and signal items, on the built binary: impossible `probs`,
/// non-JSON numbers in results, grids too large to expand, and one signal in every phase.
@Suite(.serialized, .offCooperativePool) struct ThirdPassParsingTests {
  static let adapters = "\(Binary.packageRoot)/Tests/Fixtures/adapters"

  /// Runs the binary, killing it after `seconds`; `status` is nil when it had to be killed.
  func run(
    _ arguments: [String], in directory: String, seconds: Double, environment: [String: String] = [:]
  ) async throws -> (status: Int32?, stderr: String, elapsed: Double) {
    let (process, _, stderr) = try Binary.start(arguments, in: directory, environment: environment)
    let started = Date()
    while process.isRunning, Date().timeIntervalSince(started) < seconds {
      try await Task.sleep(nanoseconds: 20_000_000)
    }
    let finished = !process.isRunning
    if !finished { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return (
      finished ? process.terminationStatus : nil, (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "",
      Date().timeIntervalSince(started)
    )
  }

  func generatePFSA(_ name: String, in directory: String) throws {
    let result = try Binary.run(
      [
        "generate", "--family", "pfsa", "--group", "S3", "--hidden", "0.5", "--length", "8", "--spacing", "4",
        "--examples", "3", "--name", name,
      ], in: directory)
    #expect(result.status == 0, "\(result.stderr)")
  }

  /// A spec of one `perm` S3 grid crossing `lengths` with `spacings`, written to `name`.json.
  func writeSpec(_ name: String, lengths: [Int], spacings: [Int], in directory: String) throws {
    let spec: JSONValue = .object([
      "name": .string(name), "seed": .int(1), "family": .string("perm"), "examples": .int(1),
      "grid": .object([
        "group": .array([.string("S3")]), "length": .array(lengths.map { .int($0) }),
        "spacing": .array(spacings.map { .int($0) }),
      ]),
    ])
    try JSONWriter.encode(spec).write(toFile: directory + "/\(name).json", atomically: true, encoding: .utf8)
  }

  // MARK: - Item 12: impossible probs

  /// What each case does to the first query's `probs` of line 2 (three candidates).
  static let impossibleProbs: [(name: String, probs: String)] = [
    ("all zero", "[0,0,0]"), ("negative", "[-0.5,0.5,1]"), ("infinite", "[1e999,0,0]"),
    ("sums to one half", "[0.25,0.125,0.125]"), ("sums to two", "[1,0.5,0.5]"),
    ("answer impossible", "answer-zero"),
  ]

  @Test(arguments: impossibleProbs)
  func impossibleProbsAreRefusedAtTheTaskCheck(name: String, probs: String) async throws {
    let directory = try TemporaryDirectory()
    try generatePFSA("p", in: directory.path)
    let path = directory.path + "/out/p.jsonl"
    var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    guard case .object(var example) = try JSONParser.parse(Array(lines[1].utf8)),
      case .array(var queries) = example["queries"], case .object(var query) = queries[0],
      let candidates = query["candidates"]?.arrayValue, let answer = query["answer"]
    else {
      Issue.record("unexpected task line \(lines[1])")
      return
    }
    #expect(candidates.count == 3)
    let replacement =
      probs == "answer-zero"
      ? "[" + candidates.map { $0 == answer ? "0" : "0.5" }.joined(separator: ",") + "]" : probs
    query["probs"] = .string("PROBS")
    queries[0] = .object(query)
    example["queries"] = .array(queries)
    lines[1] = JSONWriter.encode(.object(example)).replacingOccurrences(of: #""PROBS""#, with: replacement)
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)

    let eval = try Binary.run(
      ["eval", "out/p.jsonl", "--model", "oracle", "--out", "run", "--quiet"], in: directory.path)
    #expect(eval.status == 65, "\(name): \(eval.stderr)")
    #expect(eval.stderr.contains("'out/p.jsonl' line 2: field 'queries[0].probs'"), "\(name): \(eval.stderr)")
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/run/results.jsonl"), "\(name)")
  }

  // MARK: - Item 18: the cell cap and an estimate that stops at the limit

  @Test func aGridOverTheCellCapIsRefusedBeforeAnythingIsExpanded() async throws {
    let directory = try TemporaryDirectory()
    // 2,000 lengths × 100 spacings: 200,000 cells, twice the cap.
    try writeSpec("big", lengths: Array(1000..<3000), spacings: Array(1...100), in: directory.path)
    let result = try await run(["generate", "big.json", "--out", "out"], in: directory.path, seconds: 20)
    #expect(result.status == 65, "after \(result.elapsed) s: \(result.stderr)")
    #expect(result.stderr.contains("200000 cells") && result.stderr.contains("100000"), "\(result.stderr)")
    #expect(result.elapsed < 10)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/out/big.jsonl"))
  }

  @Test func theSizeEstimateStopsOnceTheLimitIsPassed() async throws {
    let directory = try TemporaryDirectory()
    // 20,000 cells of lengths 20,000 to 40,000: estimating them all takes minutes.
    try writeSpec("long", lengths: Array(stride(from: 20_000, to: 40_000, by: 1)), spacings: [8], in: directory.path)
    let result = try await run(
      ["generate", "long.json", "--out", "out", "--max-output-gb", "0.001"], in: directory.path, seconds: 30)
    #expect(result.status == 65, "after \(result.elapsed) s: \(result.stderr)")
    #expect(result.stderr.contains("more than the limit of 1.0 MB"), "\(result.stderr)")
    #expect(result.elapsed < 15)
  }

  // MARK: - Item 19: one signal stops every phase

  @Test(arguments: [SIGTERM, SIGINT])
  func oneSignalStopsTheWaitForTheModelToStart(signal: Int32) async throws {
    let directory = try TemporaryDirectory()
    try generatePFSA("p", in: directory.path)
    let pidFile = directory.path + "/adapter-pids"
    defer { ChildProcesses.killSurvivors(ChildProcesses.pids(in: pidFile)) }
    let (process, _, stderr) = try Binary.start(
      ["eval", "out/p.jsonl", "--model", "exec:python3 \(Self.adapters)/slow_start.py", "--out", "run"],
      in: directory.path, environment: ["PID_FILE": pidFile])
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    let deadline = Date().addingTimeInterval(60)
    while ChildProcesses.pids(in: pidFile).isEmpty, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
    try await Task.sleep(nanoseconds: 200_000_000)
    kill(process.processIdentifier, signal)
    let signalled = Date()
    // The adapter would take 600 s to start; a stop within seconds is the signal's doing. The
    // bound leaves room for CI's two loaded cores (4.5 s was seen there once, against 3 s before).
    while process.isRunning, Date().timeIntervalSince(signalled) < 15 { try await Task.sleep(nanoseconds: 20_000_000) }
    let elapsed = Date().timeIntervalSince(signalled)
    #expect(!process.isRunning, "still waiting for the model \(elapsed) s after one signal")
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 130)
    #expect(elapsed < 10)
    #expect(((try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "").contains("interrupted"))
    #expect(await ChildProcesses.waitUntilGone(ChildProcesses.pids(in: pidFile), seconds: 10).isEmpty)
  }

  @Test(arguments: [SIGTERM, SIGINT])
  func oneSignalStopsGenerateDuringItsSizeEstimate(signal: Int32) async throws {
    let directory = try TemporaryDirectory()
    try writeSpec("long", lengths: Array(stride(from: 20_000, to: 40_000, by: 1)), spacings: [8], in: directory.path)
    let (process, _, _) = try Binary.start(["generate", "long.json", "--out", "out"], in: directory.path)
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    // Parsing the spec takes well under this; the estimate takes minutes.
    try await Task.sleep(nanoseconds: 3_000_000_000)
    #expect(process.isRunning)
    kill(process.processIdentifier, signal)
    let signalled = Date()
    while process.isRunning, Date().timeIntervalSince(signalled) < 5 { try await Task.sleep(nanoseconds: 20_000_000) }
    let elapsed = Date().timeIntervalSince(signalled)
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 130, "after \(elapsed) s")
    #expect(elapsed < 3)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/out/long.jsonl"))
  }

  /// A request in its retry backoff (up to 30 s a wait) is not retried again after the first
  /// signal: its failure is recorded, to be asked again on resume, and the run stops.
  @Test func oneSignalStopsRetryingAFailingServer() async throws {
    let directory = try TemporaryDirectory()
    try generatePFSA("p", in: directory.path)
    let log = directory.path + "/requests.log"
    let server = try await FakeOpenAIServer.start(["--fault-skip", "1", "--fail-first", "100000", "--log", log])
    defer { server.stop() }
    let (process, _, stderr) = try Binary.start(
      [
        "eval", "out/p.jsonl", "--model", server.url, "--mode", "generate", "--retries", "10", "--concurrency", "1",
        "--limit", "1", "--out", "run",
      ], in: directory.path)
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    // The start's probe, then two failed POSTs: the request is in its backoff, growing from 0.5 s to 30 s.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline,
      ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").count < 3
    {
      try await Task.sleep(nanoseconds: 20_000_000)
    }
    kill(process.processIdentifier, SIGTERM)
    let signalled = Date()
    while process.isRunning, Date().timeIntervalSince(signalled) < 5 { try await Task.sleep(nanoseconds: 20_000_000) }
    let elapsed = Date().timeIntervalSince(signalled)
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 130, "after \(elapsed) s")
    #expect(elapsed < 3, "\((try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "")")
  }

  // MARK: - Item 20: one number grammar, and a pointer to the bad line

  /// Non-JSON spellings of numbers that `strtod` reads.
  static let badNumbers = ["-.5", ".5", "+0", "1.", "-01", "1.e-3"]

  @Test(arguments: badNumbers)
  func aNonJSONNumberInResultsIsRefusedAlikeByReportAndResume(number: String) async throws {
    let directory = try TemporaryDirectory()
    try generatePFSA("p", in: directory.path)
    let first = try Binary.run(["eval", "out/p.jsonl", "--model", "oracle", "--out", "run"], in: directory.path)
    #expect(first.status == 0, "\(first.stderr)")
    let results = directory.path + "/run/results.jsonl"
    var lines = try String(contentsOfFile: results, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[1] = lines[1].replacingOccurrences(
      of: #""logprob":[^,}]*"#, with: "\"logprob\":\(number)", options: .regularExpression)
    #expect(lines[1].contains("\"logprob\":\(number)"))
    try (lines.joined(separator: "\n") + "\n").write(toFile: results, atomically: true, encoding: .utf8)

    let report = try Binary.run(["report", "run", "--out", "report"], in: directory.path)
    #expect(report.status == 65, "\(number): report accepted it: \(report.stderr)")
    #expect(report.stderr.contains("line 2"), "\(report.stderr)")

    let resume = try Binary.run(["eval", "out/p.jsonl", "--model", "oracle", "--out", "run"], in: directory.path)
    #expect(resume.status != 0)
    #expect(resume.stderr.contains("results.jsonl' line 2"), "\(resume.stderr)")
    #expect(resume.stderr.contains("'logprob'"), "\(resume.stderr)")
    #expect(resume.stderr.contains("fix or delete that line"), "\(resume.stderr)")
    #expect(!resume.stderr.contains("--fresh"), "\(resume.stderr)")
    // Nothing was deleted: the other answers are still there.
    #expect(try String(contentsOfFile: results, encoding: .utf8).split(separator: "\n").count == 3)
  }

  // MARK: - Also noticed

  @Test func reportWarnsWhenThereAreNoResults() async throws {
    let directory = try TemporaryDirectory()
    try generatePFSA("p", in: directory.path)
    let eval = try Binary.run(["eval", "out/p.jsonl", "--model", "oracle", "--out", "run"], in: directory.path)
    #expect(eval.status == 0, "\(eval.stderr)")
    try "".write(toFile: directory.path + "/run/results.jsonl", atomically: true, encoding: .utf8)
    let report = try Binary.run(["report", "run", "--out", "report"], in: directory.path)
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stderr.contains("warning: no results"), "\(report.stderr)")
  }

  @Test(arguments: [("4.0", "'4.0'"), (#""4""#, #"'"4"'"#), ("4.5", "'4.5'"), ("true", "'true'")])
  func aNonIntegerLengthIsShownAsWritten(written: String, shown: String) async throws {
    let directory = try TemporaryDirectory()
    try writeSpec("s", lengths: [12345], spacings: [2], in: directory.path)
    let spec = try String(contentsOfFile: directory.path + "/s.json", encoding: .utf8)
      .replacingOccurrences(of: "12345", with: written)
    try spec.write(toFile: directory.path + "/s.json", atomically: true, encoding: .utf8)
    let result = try Binary.run(["generate", "s.json", "--out", "out"], in: directory.path)
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.contains("got \(shown)"), "\(result.stderr)")
  }

  @Test func adapterStderrReachesTheTerminalWithItsControlCharactersEscaped() async throws {
    let directory = try TemporaryDirectory()
    try generatePFSA("p", in: directory.path)
    let result = try Binary.run(
      ["eval", "out/p.jsonl", "--model", "exec:python3 \(Self.adapters)/slow_start.py", "--out", "run", "--quiet"],
      in: directory.path,
      environment: ["START_SECONDS": "0", "STDERR_TEXT": "loading \u{1B}]0;pwned\u{07}\u{1B}[2J done"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains(#"loading \u{1B}]0;pwned\u{07}\u{1B}[2J done"#), "\(result.stderr)")
    #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
  }
}
