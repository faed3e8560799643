import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate
@testable import CWMBenchReport

/// Issue 15's adversarial cases, on the built binary against real adapter processes and a real
/// loopback server: extreme numbers, leaked secrets, a slow server, misbehaving answers.
@Suite(.serialized, .offCooperativePool) struct HardeningTests {
  static let extreme = "exec:python3 \(Binary.packageRoot)/Tests/Fixtures/adapters/extreme.py"

  func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

  /// A small pfsa suite: 6 examples of 2 queries, 3 candidates each.
  func pfsaTasks(in directory: String) async throws {
    let generated = try Binary.run(
      [
        "generate", "--family", "pfsa", "--group", "S3", "--hidden", "0.25", "--length", "8", "--spacing", "4",
        "--examples", "6", "--name", "p",
      ], in: directory)
    #expect(generated.status == 0, "\(generated.stderr)")
  }

  /// The `nll` row's value field of summary.csv.
  func nllField(_ directory: String) -> String? {
    SummaryCSV.rows(read(directory + "/summary.csv")).first { $0["metric"] == "nll" }?["value"]
  }

  /// Every SVG in `directory` parses as XML (CPython's parser) and has no non-finite coordinate.
  func expectValidSVGs(in directory: String) throws {
    let svgs = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".svg") }
    #expect(!svgs.isEmpty)
    for name in svgs {
      let text = read(directory + "/" + name)
      #expect(text.range(of: #"="[^"]*(inf|nan|NaN)[^"]*""#, options: .regularExpression) == nil, "\(name)")
      let check = Process()
      check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      check.arguments = [
        "python3", "-c", "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])", directory + "/" + name,
      ]
      try check.run()
      check.waitUntilExit()
      #expect(check.terminationStatus == 0, "\(name) is not XML")
    }
  }

  // MARK: - Item 1: numbers

  @Test func reportSurvivesAHugeNegativeLogprob() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    try await pfsaTasks(in: directory)
    // The adapter answers -1e30 for every span, a common stand-in for minus infinity.
    let eval = try Binary.run(
      ["eval", "out/p.jsonl", "--model", Self.extreme, "--out", "run", "--quiet"], in: directory)
    #expect(eval.status == 0, "\(eval.stderr)")
    let report = try Binary.run(["report", "run", "--out", "report"], in: directory)
    #expect(report.status == 0, "\(report.stderr)")
    // Each query scores -1e30, so the mean NLL per query is 1e30.
    let value = nllField(directory + "/report").flatMap(Double.init)
    #expect(value.map { abs($0 / 1e30 - 1) < 1e-9 } == true, "\(nllField(directory + "/report") ?? "no nll row")")
    #expect(read(directory + "/report/index.html").contains("1e+30"))
    try expectValidSVGs(in: directory + "/report")
  }

  @Test func choiceUnderflowWritesAnInfiniteNLL() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    try await pfsaTasks(in: directory)
    // The first candidate gets all the probability: answers elsewhere have probability 0.
    let eval = try Binary.run(
      ["eval", "out/p.jsonl", "--model", Self.extreme, "--mode", "choice", "--out", "run", "--quiet"], in: directory)
    #expect(eval.status == 0, "\(eval.stderr)")
    let report = try Binary.run(["report", "run", "--out", "report"], in: directory)
    #expect(report.status == 0, "\(report.stderr)")
    #expect(nllField(directory + "/report") == "inf")
    let page = read(directory + "/report/index.html")
    #expect(page.contains(">∞<"))
    let plot = read(directory + "/report/excess_nll_vs_spacing.svg")
    #expect(plot.contains("∞ (off the scale)"))
    try expectValidSVGs(in: directory + "/report")
  }

  @Test func minusInfinityInTheProtocolIsStoredAndReported() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    try await pfsaTasks(in: directory)
    let eval = try Binary.run(
      ["eval", "out/p.jsonl", "--model", Self.extreme, "--out", "run", "--quiet"], in: directory,
      environment: ["EXTREME_LOGPROB": "-inf"])
    #expect(eval.status == 0, "\(eval.stderr)")
    // CPython reads the stored value back as minus infinity.
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = [
      "python3", "-c",
      "import json, sys, math\nfor l in open(sys.argv[1]):\n  for q in json.loads(l)['queries']:\n    assert q['logprob'] == -math.inf, q",
      directory + "/run/results.jsonl",
    ]
    try check.run()
    check.waitUntilExit()
    #expect(check.terminationStatus == 0)
    #expect(read(directory + "/run/results.jsonl").contains("\"logprob\":-1e999"))
    let report = try Binary.run(["report", "run", "--out", "report"], in: directory)
    #expect(report.status == 0, "\(report.stderr)")
    #expect(nllField(directory + "/report") == "inf")
  }

  // MARK: - Item 12: choice log-probabilities above zero

  @Test func choiceLogprobsAboveZeroAreRefused() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    try await pfsaTasks(in: directory)
    let eval = try Binary.run(
      ["eval", "out/p.jsonl", "--model", Self.extreme, "--mode", "choice", "--out", "run", "--quiet"], in: directory,
      environment: ["EXTREME_POSITIVE": "1"])
    #expect(eval.status == 1)
    #expect(eval.stderr.contains("log-probabilities ≤ 0"), "\(eval.stderr)")
    #expect(eval.stderr.contains("0.5"))
    #expect(read(directory + "/run/results.jsonl").isEmpty)
  }

  // MARK: - Item 2: secrets

  @Test func apiKeyEchoedByTheServerIsRedactedEverywhere() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    let key = "sk-test-0123456789abcdefSECRET"
    let server = try await FakeOpenAIServer.start(["--echo-headers", "--fault-skip", "1", "--require-key", key])
    defer { server.stop() }
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "4", "--examples", "2", "--name",
        "k",
      ], in: directory)
    let eval = try Binary.run(
      ["eval", "out/k.jsonl", "--model", server.url, "--mode", "generate", "--out", "run", "--retries", "0"],
      in: directory,
      environment: ["CWMBENCH_API_KEY": key])
    let report = try Binary.run(["report", "run", "--out", "report"], in: directory)
    let results = read(directory + "/run/results.jsonl")
    // The server did echo the header (the error is recorded), and the key is not in it.
    #expect(results.contains("Authorization: Bearer [redacted]"), "\(results)")
    for (name, text) in [
      ("results.jsonl", results), ("eval stderr", eval.stderr), ("eval stdout", eval.stdout),
      ("run.json", read(directory + "/run/run.json")), ("report stderr", report.stderr),
      ("index.html", read(directory + "/report/index.html")),
    ] {
      #expect(!text.contains(key) && !text.contains("0123456789abcdef"), "the key leaks into \(name)")
    }
  }

  @Test func urlCredentialsAreRedactedAtStartUp() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    let server = try await FakeOpenAIServer.start([])
    defer { server.stop() }
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "4", "--examples", "1", "--name",
        "u",
      ], in: directory)
    let url = "http://alice:hunter2pass@127.0.0.1:\(server.port)/v1?api_key=q5ecret9"
    let eval = try Binary.run(["eval", "out/u.jsonl", "--model", url, "--out", "run"], in: directory)
    #expect(eval.status == 0, "\(eval.stderr)")
    #expect(eval.stderr.contains("[redacted]"), "\(eval.stderr)")
    for secret in ["hunter2pass", "q5ecret9"] {
      #expect(!eval.stderr.contains(secret) && !eval.stdout.contains(secret), "'\(secret)' is printed")
      #expect(!read(directory + "/run/run.json").contains(secret))
    }
  }

  // MARK: - Item 6: waiting costs nothing

  @Test func waitingForASlowServerCostsNoCPU() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    // Answers every request after 2 s and then closes the connection: URLSession on Linux spun
    // a core at this (0.4 to 0.55 CPU seconds per second of waiting, measured).
    let server = try await FakeOpenAIServer.start(["--delay", "2", "--close"])
    defer { server.stop() }
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "4", "--examples", "2", "--name",
        "w",
      ], in: directory)
    // The probe and 4 queries: 10 s of waiting.
    let measured = await MeasuredRun.run(
      [
        "eval", directory + "/out/w.jsonl", "--model", server.url, "--mode", "generate", "--concurrency", "1", "--out",
        directory + "/run", "--quiet",
      ],
      in: directory)
    #expect(measured.status == 0, "\(read(directory + "/measured.stderr"))")
    #expect(measured.wall >= 10)
    // A debug build spends a fraction of a second starting up; the spin cost seconds.
    #expect(measured.cpu < 0.15 * measured.wall, "\(measured.cpu) CPU s in \(measured.wall) s")
  }

  // MARK: - Item 7: a slow server with default settings

  @Test func timeoutScalesWithTheRequestSize() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    // Every answer takes 1.6 s, past --timeout 1 for a short request; these traces send more
    // than 1 KB, so each request is allowed 2 s or more.
    let server = try await FakeOpenAIServer.start(["--delay", "1.6"])
    defer { server.stop() }
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "64", "--spacing", "8", "--examples", "1",
        "--name", "t",
      ], in: directory)
    let text = try TaskFileReader.readAll(inFileAt: directory + "/out/t.jsonl")[0].text
    #expect(text.utf8.count >= 1024)
    let eval = try Binary.run(
      ["eval", "out/t.jsonl", "--model", server.url, "--mode", "score", "--timeout", "1", "--out", "run"], in: directory
    )
    #expect(eval.status == 0, "\(eval.stderr)")
    let record = try ResultRecord(json: JSONParser.parse(Array(read(directory + "/run/results.jsonl").utf8.dropLast())))
    #expect(record.error == nil, "\(record.error ?? "")")
  }

  @Test func timedOutRequestIsNotRetriedAndTheMessageSaysWhatToChange() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    let log = directory + "/posts.jsonl"
    // The probe and the first two queries are answered at once; from the fourth POST on, the
    // server takes 4 s, past --timeout 1.
    let server = try await FakeOpenAIServer.start(["--delay", "4", "--delay-after", "3", "--log", log])
    defer { server.stop() }
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "4", "--examples", "2", "--name",
        "r",
      ], in: directory)
    let eval = try Binary.run(
      [
        "eval", "out/r.jsonl", "--model", server.url, "--mode", "generate", "--concurrency", "1", "--timeout", "1",
        "--retries", "3", "--out", "run",
      ], in: directory)
    let results = read(directory + "/run/results.jsonl")
    let failed = results.split(separator: "\n").compactMap { line in
      try? ResultRecord(json: JSONParser.parse(Array(line.utf8)))
    }.filter { $0.error != nil }
    #expect(failed.count == 1, "\(results)")
    let message = failed.first?.error ?? ""
    #expect(message.contains("--timeout"), "\(message)")
    #expect(message.contains("the last answer took"), "\(message)")
    #expect(eval.stderr.contains("raise --timeout"), "\(eval.stderr)")
    // Probe, two answered queries, one timed-out query: no retry queued behind it.
    try await Task.sleep(for: .milliseconds(200))
    #expect(read(log).split(separator: "\n").count == 4, "\(read(log))")
  }

  // MARK: - Item 12: an HTML page answering the probe

  @Test func htmlPageAnsweringTheProbeIsAWrongURL() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    let server = try await FakeOpenAIServer.start(["--html-probe"])
    defer { server.stop() }
    _ = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "4", "--examples", "1", "--name",
        "h",
      ], in: directory)
    let eval = try Binary.run(["eval", "out/h.jsonl", "--model", server.url, "--out", "run"], in: directory)
    #expect(eval.status == 1)
    #expect(eval.stderr.contains("is not an OpenAI-compatible API"), "\(eval.stderr)")
    #expect(eval.stderr.contains("<!DOCTYPE html>"))
    #expect(!eval.stderr.contains("ignores 'echo'"))
  }
}
