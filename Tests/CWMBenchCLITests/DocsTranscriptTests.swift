import CWMBenchTestSupport
import Foundation
import Testing

/// Every `$ cwmbench …` transcript in README.md and docs/*.md, run by Tests/Fixtures/transcripts.py
/// against the binary under test (its normalisation: docs/README.md, "Transcripts"). A change that
/// alters a transcript on purpose re-records them with `CWMBENCH_RECORD_TRANSCRIPTS=1 make test`
/// or `python3 Tests/Fixtures/transcripts.py --binary .build/debug/cwmbench --record`.
@Suite(.offCooperativePool) struct DocsTranscriptTests {
  static let script = Binary.packageRoot + "/Tests/Fixtures/transcripts.py"

  @Test func everyTranscriptPrintsWhatTheDocsShow() throws {
    let directory = try TemporaryDirectory()
    let record = ProcessInfo.processInfo.environment["CWMBENCH_RECORD_TRANSCRIPTS"] == "1"
    let result = try Binary.run(
      ["python3", Self.script, "--binary", Binary.path] + (record ? ["--record"] : []), in: directory.path,
      executable: "/usr/bin/env")
    #expect(result.status == 0, "\(result.stderr)")
    // The summary line counts the commands run: the docs hold dozens; none may go unchecked by accident.
    let counted = result.stderr.split(separator: "\n").last {
      $0.hasPrefix("transcripts: ") && $0.contains("commands run")
    }
    let commands = counted.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
    #expect(commands >= 40, "only \(commands) transcript commands ran:\n\(result.stderr)")
  }

  /// The checker itself fails on a stale line, names the document and line, and accepts the
  /// documented normalisations (a duration, a rate, an elided line).
  @Test func aStaleLineFailsAndNormalisedFiguresPass() throws {
    let directory = try TemporaryDirectory()
    let generate = "$ cwmbench generate --family perm --group S3 --length 4 --spacing 2 --examples 1 --name t --out out"
    let real = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "2", "--examples", "1",
        "--name", "t", "--out", "out",
      ], in: directory.path)
    try #require(real.status == 0, "\(real.stderr)")
    let line = real.stdout.trimmingCharacters(in: .newlines)
    // The same line with another duration still matches; with one more example it is stale.
    let retimed = line.replacingOccurrences(of: #"in [0-9.]+s"#, with: "in 12.34s", options: .regularExpression)
    let stale = line.replacingOccurrences(of: "1 examples", with: "2 examples")
    try #require(stale != line && retimed.contains("12.34s"))
    let cases: [(name: String, body: String, passes: Bool)] = [
      ("fresh.md", "\(generate)\n\(retimed)\n", true),
      ("elided.md", "\(generate)\n…\n", true),
      ("stale.md", "intro\n\n```\n\(generate)\n\(stale)\n```\n", false),
    ]
    for (name, body, passes) in cases {
      let document = body.hasPrefix("$") ? "```\n" + body + "```\n" : body
      try document.write(toFile: directory.file(name), atomically: true, encoding: .utf8)
      let result = try Binary.run(
        ["python3", Self.script, "--binary", Binary.path, directory.file(name)], in: directory.path,
        executable: "/usr/bin/env")
      #expect((result.status == 0) == passes, "\(name): \(result.stderr)")
      if !passes {
        #expect(result.stderr.contains("\(name):4: '\(generate)' printed something else"), "\(result.stderr)")
      }
    }
  }
}
