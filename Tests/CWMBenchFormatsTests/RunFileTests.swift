import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats

/// `run.json`'s one codec: what eval writes, eval and report read back, key for key.
@Suite(.offCooperativePool) struct RunFileTests {
  static func sample() -> RunFile {
    var run = RunFile(
      modelSpec: "exec:python3 a.py", modelName: "a", trainLength: 32, mode: .choice, tasks: "../../tasks/t.jsonl",
      tasksSHA256: String(repeating: "ab", count: 32), shard: "2/3", started: Date(timeIntervalSince1970: 1_790_000_000)
    )
    run.ended = Date(timeIntervalSince1970: 1_790_000_123)
    run.examples = 10
    run.done = 7
    run.failed = 2
    run.skipped = 3
    run.status = .incomplete
    return run
  }

  @Test func roundTripsThroughItsBytes() throws {
    let run = Self.sample()
    let read = try RunFile(json: JSONParser.parse(run.bytes))
    #expect(read == run)
    // The file is what CPython's json module reads: every key, sorted, with the values written.
    let python = try Python.run(
      "import json,sys; d=json.load(sys.stdin); print(list(d)==sorted(d), d['tasks'], d['status'], d['started'], d['train_length'])",
      input: String(decoding: run.bytes, as: UTF8.self))
    #expect(python == "True ../../tasks/t.jsonl incomplete 2026-09-21T14:13:20Z 32\n")
  }

  /// The sample with every prompt setting given (`eval --chat --system … --few-shot …`).
  static func prompted() -> RunFile {
    var run = sample()
    run.prompting.chat = true
    run.prompting.system = "S"
    run.prompting.instruction = "Reply."
    run.prompting.extract = "regex:is: (.*)"
    run.prompting.maxTokens = 64
    run.prompting.temperature = 0.5
    run.prompting.fewShot = 3
    run.prompting.fewShotFrom = "../train/t.jsonl"
    run.prompting.fewShotSHA256 = String(repeating: "ab", count: 32)
    run.modeProbe = RunFile.ModeProbe(
      scoreRequestSeconds: 169.0004, scoreTimedOut: false, generateRequestSeconds: 2.1, scoreRunSeconds: 16_900,
      generateRunSeconds: 210, factor: 4, reason: "auto: generate mode (…)")
    return run
  }

  @Test func writesEveryKeyAndNoOther() throws {
    guard case .object(let object) = Self.prompted().json, case .object(let plain) = Self.sample().json else {
      Issue.record("run.json is not an object")
      return
    }
    #expect(Set(object.keys) == Set(RunFile.Key.allCases.map(\.rawValue)))
    // Without prompt settings none of their keys is written: older runs keep their bytes.
    let promptKeys: Set = [
      "chat", "system", "instruction", "extract", "max_tokens", "temperature", "few_shot", "few_shot_from",
      "few_shot_sha256", "mode_probe",
    ]
    #expect(Set(plain.keys) == Set(RunFile.Key.allCases.map(\.rawValue)).subtracting(promptKeys))
    #expect(try RunFile(json: JSONParser.parse(Self.prompted().bytes)) == Self.prompted())
    // The probe's seconds are kept to the millisecond.
    #expect(Self.prompted().modeProbe?.scoreRequestSeconds == 169)
    let probe = try #require(object["mode_probe"]?.objectValue)
    #expect(Set(probe.keys) == Set(RunFile.ModeProbe.Key.allCases.map(\.rawValue)))
    #expect(probe["generate_request_seconds"] == .double(2.1) && probe["score_timed_out"] == .bool(false))
  }

  @Test func readsAMinimalHandMadeFile() throws {
    let run = try RunFile(json: JSONParser.parse(Array(#"{"tasks": "t.jsonl", "model": "m"}"#.utf8)))
    #expect(run.tasks == "t.jsonl" && run.modelSpec == "m" && run.modelName == nil && run.mode == nil)
    #expect(run.status == .running && run.examples == 0)
  }

  static let badFiles: [(String, String)] = [
    (#"[1]"#, "not a JSON object"),
    (#"{"model": "m"}"#, "missing string 'tasks'"),
    (
      #"{"tasks": "t", "status": "finished"}"#,
      "'status': expected one of running, complete, incomplete, interrupted, aborted, got 'finished'"
    ),
    (#"{"tasks": "t", "mode": "guess"}"#, "'mode': expected score, generate or choice, got 'guess'"),
    (#"{"tasks": "t", "done": "7"}"#, "'done': expected an integer, got '\"7\"'"),
    (#"{"tasks": "t", "started": "yesterday"}"#, "'started': expected an ISO 8601 time, got 'yesterday'"),
    (#"{"tasks": "t", "mode_probe": [1]}"#, "'mode_probe': expected an object, got '[1]'"),
    (#"{"tasks": "t", "mode_probe": {"reason": "r"}}"#, "'mode_probe.score_timed_out': expected a boolean"),
  ]

  @Test(arguments: badFiles)
  func namesTheBadKey(text: String, message: String) throws {
    let error = #expect(throws: RunFile.DecodingError.self) { try RunFile(json: JSONParser.parse(Array(text.utf8))) }
    #expect(error?.description == message)
  }

  /// Pairs of (task file, run folder), compared with CPython's `os.path.relpath`.
  static let pathPairs: [(String, String)] = [
    ("/a/b/tasks/t.jsonl", "/a/b/runs/m"),
    ("/a/b/t.jsonl", "/a/b"),
    ("/a/b/runs/m/t.jsonl", "/a/b/runs/m"),
    ("/x/t.jsonl", "/a/b/c"),
    ("/a/b/../c/t.jsonl", "/a/./b/runs"),
  ]

  @Test func recordsTheTaskPathRelativeToTheRunFolderAsCPythonComputesIt() throws {
    for (tasks, folder) in Self.pathPairs {
      let expected = try Python.run(
        "import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))", arguments: [tasks, folder])
      #expect(RunFile.recordedTasksPath(tasks, runFolder: folder) + "\n" == expected, "\(tasks) from \(folder)")
    }
  }

  @Test func resolvesTheRecordedPathInsideTheRunFolderFirst() throws {
    let directory = try TemporaryDirectory()
    let folder = directory.file("runs/m")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: directory.file("tasks"), withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: directory.file("tasks/t.jsonl"), contents: Data())
    var run = Self.sample()
    run.tasks = RunFile.recordedTasksPath(directory.file("tasks/t.jsonl"), runFolder: folder)
    #expect(run.tasks == "../../tasks/t.jsonl")
    #expect(run.resolvedTasksPath(runFolder: folder) == folder + "/../../tasks/t.jsonl")
    run.tasks = "missing.jsonl"
    #expect(run.resolvedTasksPath(runFolder: folder) == nil)
  }
}

/// `run.json` records the run folder's format; a folder of another format is refused by name.
@Suite struct RunFileFormatVersionTests {
  @Test func theFormatVersionIsWrittenAndAnOlderFileReadsAsOne() throws {
    let run = RunFile(
      modelSpec: "oracle", modelName: nil, trainLength: nil, mode: nil, tasks: "t.jsonl", tasksSHA256: nil, shard: nil,
      started: nil)
    #expect(run.json["format_version"] == .int(RunFile.currentFormatVersion))
    let old = try RunFile(json: JSONParser.parse(#"{"tasks": "t.jsonl"}"#))
    #expect(old.formatVersion == 1)
  }

  @Test func anotherFormatIsRefusedNamingTheKey() {
    #expect {
      _ = try RunFile(json: JSONParser.parse(#"{"tasks": "t.jsonl", "format_version": 2, "cwmbench_version": "9.9"}"#))
    } throws: { error in
      let message = String(describing: error)
      return message.contains("'format_version'") && message.contains("'2'") && message.contains("9.9")
    }
  }
}
