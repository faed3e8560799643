import CWMBenchTestSupport
import Foundation
import Testing

/// Issue 22's file and report-output cases, on the built binary: names that collide, ids equal
/// only as text, a task file replaced under the run, a full disk, a large results file.
@Suite(.serialized, .offCooperativePool) struct FilesHardeningTests {
  static let named = "exec:python3 \(Binary.packageRoot)/Tests/Fixtures/adapters/named.py"

  func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

  func lines(_ path: String) -> [String] { read(path).split(separator: "\n").map(String.init) }

  /// A perm suite `out/NAME.jsonl` of `examples` examples, 2 queries each.
  func tasks(_ name: String, examples: Int, length: Int = 8, in directory: String) throws {
    let generated = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "\(length)", "--spacing", "4", "--examples",
        "\(examples)", "--name", name,
      ], in: directory)
    #expect(generated.status == 0, "\(generated.stderr)")
  }

  /// The `accuracy` value of each model in summary.csv (models are read with a CSV reader).
  func accuracies(_ directory: String) throws -> [String: String] {
    let script = """
      import csv, sys
      for row in csv.DictReader(open(sys.argv[1], newline='')):
          if row['metric'] == 'accuracy': print(row['model'] + '\\t' + row['value'])
      """
    let result = try Binary.run(
      ["-c", script, directory + "/summary.csv"], in: directory, executable: "/usr/bin/python3")
    var values: [String: String] = [:]
    for line in result.stdout.split(separator: "\n") {
      let parts = line.split(separator: "\t")
      values[String(parts[0])] = String(parts[1])
    }
    return values
  }

  // MARK: - Item 8: runs are merged by model, not by name

  @Test func differentModelsWithOneNameStayApartAndShardsMerge() throws {
    let directory = try TemporaryDirectory()
    try tasks("t", examples: 4, in: directory.path)
    let right = try Binary.run(
      ["eval", "out/t.jsonl", "--model", "oracle", "--out", "right", "--quiet"], in: directory.path)
    #expect(right.status == 0, "\(right.stderr)")
    let wrong = try Binary.run(
      ["eval", "out/t.jsonl", "--model", Self.named, "--out", "wrong", "--quiet"], in: directory.path,
      environment: ["ADAPTER_NAME": "oracle", "ADAPTER_WRONG": "1"])
    #expect(wrong.status == 0, "\(wrong.stderr)")
    for (order, expected) in [
      (["right", "wrong"], ["oracle": "1", "oracle (2)": "0"]),
      (["wrong", "right"], ["oracle": "0", "oracle (2)": "1"]),
    ] {
      let report = try Binary.run(["report"] + order + ["--out", "report"], in: directory.path)
      #expect(report.status == 0, "\(report.stderr)")
      #expect(try accuracies(directory.file("report")) == expected, "\(order)")
      #expect(report.stderr.contains("'oracle (2)'"), "\(report.stderr)")
    }
    // Two shards of one run are one model, with nothing missing and no warning about names.
    for shard in ["1/2", "2/2"] {
      let part = try Binary.run(
        ["eval", "out/t.jsonl", "--model", "oracle", "--shard", shard, "--out", "shard\(shard.prefix(1))", "--quiet"],
        in: directory.path)
      #expect(part.status == 0, "\(part.stderr)")
    }
    let merged = try Binary.run(["report", "shard1", "shard2", "--out", "merged"], in: directory.path)
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(try accuracies(directory.file("merged")) == ["oracle": "1"])
    #expect(!merged.stderr.contains("warning"), "\(merged.stderr)")
  }

  // MARK: - Item 11: names with control characters on the terminal

  @Test func controlCharactersInANameDoNotReachTheTerminal() throws {
    let directory = try TemporaryDirectory()
    try tasks("t", examples: 2, in: directory.path)
    for name in ["red\u{1B}[31m\u{1B}[2J", "two\r\nlines", "bell\u{7}\u{85}"] {
      let eval = try Binary.run(
        ["eval", "out/t.jsonl", "--model", Self.named, "--out", "run", "--fresh"], in: directory.path,
        environment: ["ADAPTER_NAME": name])
      #expect(eval.status == 0, "\(eval.stderr)")
      let shown = eval.stdout + eval.stderr
      #expect(
        shown.unicodeScalars.allSatisfy { $0 == "\n" || $0.properties.generalCategory != .control },
        "\(shown.debugDescription)")
      #expect(shown.contains(String(name.unicodeScalars.prefix(3))), "\(shown.debugDescription)")
    }
  }

  // MARK: - Item 7: ids compared as bytes

  @Test func idsEqualOnlyAsTextAreKeptApartThroughResumeAndReport() throws {
    let directory = try TemporaryDirectory()
    try tasks("t", examples: 6, in: directory.path)
    // Three pairs of canonically equivalent ids: NFC and NFD é, Å and the Ångström sign, a Hangul syllable and its jamo.
    let rewrite = """
      import json, sys
      ids = ["caf\\u00e9/0", "cafe\\u0301/0", "\\u00c5/1", "\\u212b/1", "\\ud55c/2", "\\u1112\\u1161\\u11ab/2"]
      lines = open(sys.argv[1]).read().splitlines()
      out = []
      for i, line in enumerate(lines):
          e = json.loads(line); e["id"] = ids[i]; out.append(json.dumps(e, ensure_ascii=False))
      open(sys.argv[1], "w").write("\\n".join(out) + "\\n")
      """
    let rewritten = try Binary.run(["-c", rewrite, "out/t.jsonl"], in: directory.path, executable: "/usr/bin/python3")
    #expect(rewritten.status == 0, "\(rewritten.stderr)")
    for pass in ["first", "resumed"] {
      let eval = try Binary.run(
        ["eval", "out/t.jsonl", "--model", "oracle", "--out", "run", "--quiet"], in: directory.path)
      #expect(eval.status == 0, "\(pass): \(eval.stderr)")
      #expect(lines(directory.file("run/results.jsonl")).count == 6, "\(pass)")
    }
    let report = try Binary.run(["report", "run", "--out", "report"], in: directory.path)
    #expect(report.status == 0, "\(report.stderr)")
    #expect(!report.stderr.contains("has no result"), "\(report.stderr)")
  }

  // MARK: - Item 10: the run reads the bytes it checked

  @Test func aTaskFileReplacedAfterTheCheckIsNotRead() throws {
    let directory = try TemporaryDirectory()
    try tasks("t", examples: 3, in: directory.path)
    try tasks("other", examples: 3, length: 12, in: directory.path)
    let original = Set(lines(directory.file("out/t.jsonl")).map { String($0.prefix(60)) })
    let sha = try Binary.run(["-c", "sha256sum out/t.jsonl | cut -c1-64"], in: directory.path, executable: "/bin/sh")
    // Renamed over (another inode) and rewritten in place (the same inode), once the model starts.
    for (run, hook) in [
      ("renamed", "cp out/other.jsonl out/new && mv out/new out/t.jsonl"),
      ("rewritten", "cat out/other.jsonl > out/t.jsonl"),
    ] {
      try FileManager.default.removeItem(atPath: directory.file("out/t.jsonl"))
      try tasks("t", examples: 3, in: directory.path)
      let eval = try Binary.run(
        ["eval", "out/t.jsonl", "--model", Self.named, "--out", run, "--quiet"], in: directory.path,
        environment: ["ADAPTER_ON_HELLO": hook])
      let ids = lines(directory.file(run + "/results.jsonl")).compactMap {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
      }
      let answeredOther = ids.filter { id in !original.contains { $0.contains("\"\(id)\"") } }
      #expect(answeredOther.isEmpty, "\(run): \(answeredOther)")
      if run == "renamed" {
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(ids.count == 3)
        #expect(
          read(directory.file(run + "/run.json")).contains(sha.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
      } else {
        #expect(eval.status == 65, "\(eval.stderr)")
        #expect(eval.stderr.contains("changed"), "\(eval.stderr)")
      }
    }
  }

  // MARK: - Item 21: a full disk names the file that failed

  @Test(.enabled(if: PrivateMount.isAvailable, "needs a private tmpfs (unshare -m, mount)"))
  func aFullDiskDuringTheRunNamesResultsAndRecordsAborted() throws {
    let directory = try TemporaryDirectory()
    try tasks("t", examples: 60, in: directory.path)
    // Three free pages: run.lock, run.json and one page of results.jsonl, then ENOSPC on both files.
    let result = try PrivateMount.run(
      """
      "$BIN" eval out/t.jsonl --model oracle --out disk/run --quiet 2>eval.stderr
      echo $? > eval.status
      cp disk/run/run.json run.json
      """, freePages: 3, in: directory.path)
    #expect(result.status == 0, "\(result.stderr)")
    let errors = read(directory.file("eval.stderr"))
    #expect(read(directory.file("eval.status")) == "1\n", "\(errors)")
    #expect(errors.contains("results.jsonl"), "\(errors)")
    #expect(errors.lowercased().contains("no space left on device"), "\(errors)")
    let run = read(directory.file("run.json"))
    #expect(run.contains("\"status\":\"aborted\"") || run.contains("\"status\": \"aborted\""), "\(run)")
    #expect(run.contains("results.jsonl"), "\(run)")
  }

  // MARK: - Item 17: resuming costs what a fresh run costs

  /// Peak resident MiB of `cwmbench ARGUMENTS` (getrusage of a child of python3).
  func peakMiB(_ arguments: [String], in directory: String) throws -> Double {
    let script = """
      import resource, subprocess, sys
      status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
      print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
      """
    let result = try Binary.run(["-c", script, Binary.path] + arguments, in: directory, executable: "/usr/bin/python3")
    let parts = result.stdout.split(separator: " ")
    #expect(parts.first == "0", "\(result.stdout) \(result.stderr)")
    return (Double(parts.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? .infinity) / 1024
  }

  @Test func resumingOverALargeResultsFileTakesNoMoreMemoryThanAFreshRun() throws {
    let directory = try TemporaryDirectory()
    try tasks("t", examples: 4, in: directory.path)
    let fresh = try peakMiB(
      ["eval", "out/t.jsonl", "--model", "oracle", "--out", "run", "--quiet"], in: directory.path)
    // 48 MiB of answered lines of other examples, each about 64 KiB: kept as they are on resume.
    let pad = """
      import json, sys
      line = json.loads(open(sys.argv[1]).readline())
      with open(sys.argv[1], "a") as f:
          for i in range(768):
              line["id"] = "pad/%d" % i; line["model"] = "m" * 65536
              f.write(json.dumps(line) + "\\n")
      """
    let padded = try Binary.run(["-c", pad, "run/results.jsonl"], in: directory.path, executable: "/usr/bin/python3")
    #expect(padded.status == 0, "\(padded.stderr)")
    let resumed = try peakMiB(
      ["eval", "out/t.jsonl", "--model", "oracle", "--out", "run", "--quiet"], in: directory.path)
    #expect(resumed - fresh < 16, "fresh \(fresh) MiB, resumed \(resumed) MiB")
    // A failed line makes the resume rewrite the file: the kept lines stream into the new one.
    let failed = """
      import json, sys
      line = json.loads(open(sys.argv[1]).readline())
      line["id"] = "pad/failed"; line["error"] = "timed out"
      open(sys.argv[1], "a").write(json.dumps(line) + "\\n")
      """
    let appended = try Binary.run(
      ["-c", failed, "run/results.jsonl"], in: directory.path, executable: "/usr/bin/python3")
    #expect(appended.status == 0, "\(appended.stderr)")
    let rewritten = try peakMiB(
      ["eval", "out/t.jsonl", "--model", "oracle", "--out", "run", "--quiet"], in: directory.path)
    #expect(rewritten - fresh < 16, "fresh \(fresh) MiB, rewritten \(rewritten) MiB")
    #expect(!read(directory.file("run/results.jsonl")).contains("pad/failed"))
    #expect(lines(directory.file("run/results.jsonl")).count == 4 + 768)
  }
}
