import CWMBenchTestSupport
import Foundation
import Testing

/// Issue 23's server probe: `--mode auto` against an HTTP server times one score and one
/// generate request and leaves score mode only when score would take far longer.
///
/// The fake server's `--score-delay` makes every echoed (score) request wait 1.5 s while a
/// generate request is answered in milliseconds; the tasks have 2 queries per example, so
/// score's estimate is 1.5 s per example against about 2 × 0.01 s.
@Suite(.serialized, .offCooperativePool) struct AutoModeProbeTests {
  /// perm S3, length 8, a reveal every 4 steps: 2 queries per example.
  func tasks(in directory: String, examples: Int = 3) throws {
    let generated = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "4", "--examples",
        String(examples), "--name", "a",
      ], in: directory)
    #expect(generated.status == 0, "\(generated.stderr)")
  }

  /// `run.json` as Foundation reads it.
  func run(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path + "/run.json")))
      as! [String: Any]
  }

  /// The modes of the result lines.
  func resultModes(_ path: String) throws -> Set<String> {
    Set(
      try String(contentsOfFile: path + "/results.jsonl", encoding: .utf8).split(separator: "\n").map {
        (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["mode"] as! String
      })
  }

  /// The lines of `stderr` that the probe prints.
  func probeLines(_ stderr: String) -> [Substring] {
    stderr.split(separator: "\n").filter { $0.hasPrefix("auto:") }
  }

  @Test func aSlowScorePathMakesAutoPickGenerateAndSayWhy() async throws {
    let directory = try TemporaryDirectory()
    try tasks(in: directory.path)
    let server = try await FakeOpenAIServer.start(["--score-delay", "1.5"])
    defer { server.stop() }
    let base = ["eval", "out/a.jsonl", "--model", server.url, "--out", "run"]
    let first = try Binary.run(base + ["--limit", "2"], in: directory.path)
    #expect(first.status == 0, "\(first.stderr)")
    let lines = probeLines(first.stderr)
    #expect(lines.count == 1, "\(first.stderr)")
    let line = String(lines.first ?? "")
    #expect(line.hasPrefix("auto: generate mode (score request "), "\(line)")
    #expect(line.hasSuffix(" for this run); --mode score forces score"), "\(line)")
    #expect(first.stderr.contains("in generate mode: 2 examples"), "\(first.stderr)")
    #expect(try resultModes(directory.file("run")) == ["generate"])
    let record = try run(directory.file("run"))
    #expect(record["mode"] as? String == "generate")
    let probe = try #require(record["mode_probe"] as? [String: Any])
    #expect(probe["reason"] as? String == line)
    #expect((probe["score_request_seconds"] as? Double ?? 0) >= 1.5)
    #expect((probe["generate_request_seconds"] as? Double ?? 9) < 1.5)
    #expect(probe["score_timed_out"] as? Bool == false)
    #expect(probe["factor"] as? Double == 4)
    // Both estimates as stated: one score request per example, one generate request per query (2 each).
    let score = try #require(probe["score_run_seconds"] as? Double)
    let generate = try #require(probe["generate_run_seconds"] as? Double)
    // Each figure is rounded to the millisecond on its own: n × a rounded request time is within
    // (n + 1) × 0.5 ms of the rounded run time.
    #expect(abs(score - 2 * (probe["score_request_seconds"] as! Double)) < 0.0015 + 1e-9)
    #expect(abs(generate - 4 * (probe["generate_request_seconds"] as! Double)) < 0.0025 + 1e-9)
    #expect(score > 4 * generate)

    // The resume takes the recorded mode without timing the server again.
    let second = try Binary.run(base, in: directory.path)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(probeLines(second.stderr).isEmpty, "\(second.stderr)")
    #expect(second.stderr.contains("in generate mode: 3 examples (resuming: 2 already done)"), "\(second.stderr)")
    #expect(try resultModes(directory.file("run")) == ["generate"])
    let resumed = try run(directory.file("run"))
    #expect(resumed["mode"] as? String == "generate")
    #expect((resumed["mode_probe"] as? [String: Any])?["reason"] as? String == line)
  }

  @Test func modeScoreForcesScoreOnTheSlowServer() async throws {
    let directory = try TemporaryDirectory()
    try tasks(in: directory.path, examples: 1)
    let server = try await FakeOpenAIServer.start(["--score-delay", "1.5"])
    defer { server.stop() }
    let result = try Binary.run(
      ["eval", "out/a.jsonl", "--model", server.url, "--mode", "score", "--out", "run"], in: directory.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(probeLines(result.stderr).isEmpty, "\(result.stderr)")
    #expect(try resultModes(directory.file("run")) == ["score"])
    let record = try run(directory.file("run"))
    #expect(record["mode"] as? String == "score")
    #expect(record["mode_probe"] == nil)
  }

  @Test func aFastServerKeepsScore() async throws {
    let directory = try TemporaryDirectory()
    try tasks(in: directory.path)
    let server = try await FakeOpenAIServer.start()
    defer { server.stop() }
    let result = try Binary.run(["eval", "out/a.jsonl", "--model", server.url, "--out", "run"], in: directory.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(probeLines(result.stderr).isEmpty, "\(result.stderr)")
    #expect(try resultModes(directory.file("run")) == ["score"])
    let record = try run(directory.file("run"))
    #expect(record["mode"] as? String == "score")
    // The probe ran and is recorded, with why score stayed.
    let probe = try #require(record["mode_probe"] as? [String: Any])
    #expect((probe["reason"] as? String)?.hasPrefix("auto: score mode (score request ") == true, "\(probe)")
  }
}
