import CWMBenchTestSupport
import Foundation
import Testing

/// Issue 23: instructions, few-shot from the train split, answer extraction and rescoring,
/// checked against the fake OpenAI server with the messages it received.
///
/// Expected values are rebuilt here from the task files' JSON (read with Foundation, not
/// cwmbench's reader) and from the instruction text as docs/eval-prompts.md states it.
@Suite(.serialized, .offCooperativePool) struct PromptingTests {
  /// perm S3, one variable revealed after the last swap: answers like `c 8`.
  static let spec = """
    {"name": "fs", "seed": 7, "family": "perm", "grid": {"length": [4, 6]},
     "fixed": {"group": "S3", "spacing": "final"}, "examples": 2, "train": {"examples": 5}}
    """
  /// The instruction of a `perm` REPL cell revealing one variable.
  static let instruction =
    "Continue this Python REPL session. Reply with the next output line only: the variable's name and its value, "
    + "exactly as Python prints them."

  /// Writes the spec, its test split into `test/` and its train split into `train/`.
  func generateSplits(in directory: String, spec: String = spec) throws {
    try spec.write(toFile: directory + "/spec.json", atomically: true, encoding: .utf8)
    for (split, out) in [("test", "test"), ("train", "train")] {
      let result = try Binary.run(["generate", "spec.json", "--split", split, "--out", out], in: directory)
      #expect(result.status == 0, "\(result.stderr)")
    }
  }

  /// The JSON lines of a file, as Foundation reads them.
  func jsonLines(_ path: String) throws -> [[String: Any]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
  }

  /// The text before a query (ASCII, so characters are bytes).
  func question(_ example: [String: Any], query: [String: Any]) -> String {
    String((example["text"] as! String).prefix(query["start"] as! Int))
  }

  @Test func chatSystemAndTwoShotsSendExactlyTheseMessages() async throws {
    let directory = try TemporaryDirectory()
    try generateSplits(in: directory.path)
    let bodies = directory.path + "/bodies.jsonl"
    let server = try await FakeOpenAIServer.start(["--log-bodies", bodies])
    defer { server.stop() }
    let result = try Binary.run(
      [
        "eval", "test/fs.jsonl", "--model", server.url, "--mode", "generate", "--chat", "--system", "S",
        "--few-shot", "2", "--few-shot-from", "train/fs.jsonl", "--concurrency", "1", "--out", "run",
      ], in: directory.path)
    #expect(result.status == 0, "\(result.stderr)")

    let tests = try jsonLines(directory.path + "/test/fs.jsonl")
    let train = Dictionary(
      uniqueKeysWithValues: try jsonLines(directory.path + "/train/fs.jsonl").map { ($0["id"] as! String, $0) })
    let testTexts = Set(tests.map { $0["text"] as! String })
    let results = Dictionary(
      uniqueKeysWithValues: try jsonLines(directory.path + "/run/results.jsonl").map { ($0["id"] as! String, $0) })
    let sent = try jsonLines(bodies).compactMap { $0["messages"] as? [[String: String]] }
    #expect(sent.count == tests.count)
    for example in tests {
      let id = example["id"] as! String
      let shots = try #require(results[id]?["shots"] as? [String])
      #expect(shots.count == 2 && Set(shots).count == 2)
      var expected: [[String: String]] = [["role": "system", "content": "S"]]
      for shotID in shots {
        let shot = try #require(train[shotID], "shot '\(shotID)' is not in the train file")
        // Same cell, and never a test example.
        #expect(shotID.split(separator: "/").dropLast() == id.split(separator: "/").dropLast())
        #expect(!testTexts.contains(shot["text"] as! String))
        let last = (shot["queries"] as! [[String: Any]]).last!
        expected.append(["role": "user", "content": Self.instruction + "\n\n" + question(shot, query: last)])
        expected.append(["role": "assistant", "content": last["answer"] as! String])
      }
      let query = (example["queries"] as! [[String: Any]])[0]
      expected.append(["role": "user", "content": Self.instruction + "\n\n" + question(example, query: query)])
      #expect(sent.contains(expected), "no request carried the messages expected for '\(id)'")
    }
    let run =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.file("run/run.json"))))
      as! [String: Any]
    #expect(run["system"] as? String == "S")
    #expect(run["few_shot"] as? Int == 2)
    #expect(run["few_shot_from"] as? String == "../train/fs.jsonl")
    #expect(run["chat"] as? Bool == true)
    #expect(run["extract"] as? String == "first-line")
  }

  @Test func aRegexTakesTheAnswerOutOfAChattyReply() async throws {
    let directory = try TemporaryDirectory()
    try generateSplits(in: directory.path)
    let server = try await FakeOpenAIServer.start(["--chat-reply", "The answer is: {answer}"])
    defer { server.stop() }
    let base = ["eval", "test/fs.jsonl", "--model", server.url, "--mode", "generate", "--chat"]
    let plain = try Binary.run(base + ["--out", "plain"], in: directory.path)
    let regex = try Binary.run(base + ["--extract", "regex:answer is: (.*)", "--out", "regex"], in: directory.path)
    #expect(plain.status == 0 && regex.status == 0, "\(plain.stderr)\(regex.stderr)")
    let answers = try jsonLines(directory.path + "/test/fs.jsonl").map {
      ($0["id"] as! String, ($0["queries"] as! [[String: Any]])[0]["answer"] as! String)
    }
    #expect(answers.allSatisfy { $0.1.range(of: #"^[abc] \d$"#, options: .regularExpression) != nil })
    for (folder, rightCount) in [("plain", 0), ("regex", answers.count)] {
      let lines = try jsonLines(directory.path + "/\(folder)/results.jsonl")
      let queries = lines.map { ($0["queries"] as! [[String: Any]])[0] }
      #expect(queries.filter { $0["correct"] as? Bool == true }.count == rightCount, "\(folder)")
      for line in lines {
        let answer = answers.first { $0.0 == line["id"] as? String }!.1
        let query = (line["queries"] as! [[String: Any]])[0]
        // The fake model writes on past the answer's line; the reply is kept whole.
        #expect((query["raw"] as? String)?.hasPrefix("The answer is: " + answer + "\n") == true)
        #expect(query["predicted"] as? String == (folder == "plain" ? "The answer is: " + answer : answer))
      }
    }
  }

  @Test func rescoreWritesANewRunAndLeavesTheOriginalAlone() async throws {
    let directory = try TemporaryDirectory()
    try generateSplits(in: directory.path)
    let server = try await FakeOpenAIServer.start(["--chat-reply", "Let me think.\n\nThe answer is: {answer}\n"])
    defer { server.stop() }
    let first = try Binary.run(
      ["eval", "test/fs.jsonl", "--model", server.url, "--mode", "generate", "--chat", "--out", "run"],
      in: directory.path)
    #expect(first.status == 0, "\(first.stderr)")
    let originalResults = try Data(contentsOf: URL(fileURLWithPath: directory.file("run/results.jsonl")))
    let originalRun = try Data(contentsOf: URL(fileURLWithPath: directory.file("run/run.json")))
    server.stop()

    for (rule, folder) in [("last-line", "last"), ("regex:is: ([abc] [0-9])", "regex"), ("first-line", "first")] {
      let result = try Binary.run(["rescore", "run", "--extract", rule, "--out", folder], in: directory.path)
      #expect(result.status == 0, "\(result.stderr)")
      // Accuracy recomputed here: each prediction against the task file's answer.
      let answers = Dictionary(
        uniqueKeysWithValues: try jsonLines(directory.path + "/test/fs.jsonl").map {
          ($0["id"] as! String, ($0["queries"] as! [[String: Any]])[0]["answer"] as! String)
        })
      let lines = try jsonLines(directory.path + "/\(folder)/results.jsonl")
      #expect(lines.count == answers.count)
      var right = 0
      for line in lines {
        let query = (line["queries"] as! [[String: Any]])[0]
        let predicted = query["predicted"] as! String
        let answer = answers[line["id"] as! String]!
        let raw = try #require(query["raw"] as? String)
        let lastLine = raw.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty }
        let expected = rule == "first-line" ? "Let me think." : (rule == "last-line" ? lastLine : answer)
        #expect(predicted == expected)
        #expect((query["correct"] as! Bool) == (predicted == answer))
        if predicted == answer { right += 1 }
      }
      #expect(right == (rule.hasPrefix("regex") ? answers.count : 0), "\(rule)")
      #expect(result.stdout.contains("accuracy \(right == 0 ? "0.000" : "1.000")"), "\(result.stdout)")
      let run =
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: URL(fileURLWithPath: directory.file("\(folder)/run.json"))))
        as! [String: Any]
      #expect(run["extract"] as? String == rule)
      #expect(run["tasks"] as? String == "../test/fs.jsonl")
      // The report reads the new folder like any run.
      let report = try Binary.run(["report", folder, "--out", "report-\(folder)"], in: directory.path)
      #expect(report.status == 0, "\(report.stderr)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("run/results.jsonl"))) == originalResults)
    #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("run/run.json"))) == originalRun)
    let same = try Binary.run(["rescore", "run", "--extract", "last-line", "--out", "run"], in: directory.path)
    #expect(same.status == 64, "\(same.stderr)")
  }

  /// Without `--chat` the shots are plain text before the trace: whole train traces, each
  /// followed by a blank line. Score mode's spans move with them (the fake model scores a
  /// span right only where it is the true output), and generate's prompt is prefix + question.
  @Test(arguments: ["score", "generate"])
  func plainShotsArePrefixText(mode: String) async throws {
    let directory = try TemporaryDirectory()
    try generateSplits(in: directory.path)
    let bodies = directory.path + "/bodies.jsonl"
    let server = try await FakeOpenAIServer.start(["--log-bodies", bodies])
    defer { server.stop() }
    let result = try Binary.run(
      [
        "eval", "test/fs.jsonl", "--model", server.url, "--mode", mode, "--few-shot", "3", "--few-shot-from",
        "train/fs.jsonl", "--out", "run",
      ], in: directory.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("accuracy 1.000 over 4 queries"), "\(result.stdout)")
    let train = Dictionary(
      uniqueKeysWithValues: try jsonLines(directory.path + "/train/fs.jsonl").map { ($0["id"] as! String, $0) })
    let prompts = try jsonLines(bodies).compactMap { $0["prompt"] as? String }
    for line in try jsonLines(directory.path + "/run/results.jsonl") {
      let shots = try #require(line["shots"] as? [String])
      #expect(shots.count == 3)
      let prefix = shots.map { (train[$0]!["text"] as! String) + "\n" }.joined()
      let example = try jsonLines(directory.path + "/test/fs.jsonl").first {
        $0["id"] as? String == line["id"] as? String
      }!
      let text = example["text"] as! String
      let query = (example["queries"] as! [[String: Any]])[0]
      let expected = mode == "score" ? prefix + text : prefix + question(example, query: query)
      #expect(prompts.contains(expected), "no prompt was the shots and then the trace")
    }
  }

  /// An `@FILE` instruction goes before a plain completion's text; resuming with another
  /// instruction or system prompt is refused as resuming with another model is.
  @Test func instructionsAreRecordedAndAResumeMustKeepThem() async throws {
    let directory = try TemporaryDirectory()
    try generateSplits(in: directory.path)
    try "Say the line.\n".write(toFile: directory.file("say.txt"), atomically: true, encoding: .utf8)
    let bodies = directory.path + "/bodies.jsonl"
    let server = try await FakeOpenAIServer.start(["--log-bodies", bodies])
    defer { server.stop() }
    let base = ["eval", "test/fs.jsonl", "--model", server.url, "--mode", "generate", "--out", "run"]
    let first = try Binary.run(base + ["--instruction", "@say.txt", "--limit", "1"], in: directory.path)
    #expect(first.status == 0, "\(first.stderr)")
    let prompts = try jsonLines(bodies).compactMap { $0["prompt"] as? String }
    let example = try jsonLines(directory.path + "/test/fs.jsonl")[0]
    let query = (example["queries"] as! [[String: Any]])[0]
    #expect(prompts.contains("Say the line.\n\n" + question(example, query: query)))
    let run =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.file("run/run.json"))))
      as! [String: Any]
    #expect(run["instruction"] as? String == "Say the line.")
    #expect(run["chat"] == nil && run["system"] == nil)

    let other = try Binary.run(base + ["--instruction", "Say it."], in: directory.path)
    #expect(other.status == 64 && other.stderr.contains("different instruction"), "\(other.stderr)")
    let chat = try Binary.run(base + ["--instruction", "@say.txt", "--chat", "--system", "S"], in: directory.path)
    #expect(chat.status == 64 && chat.stderr.contains("different chat"), "\(chat.stderr)")
    let same = try Binary.run(base + ["--instruction", "@say.txt"], in: directory.path)
    #expect(same.status == 0 && same.stderr.contains("resuming: 1 already done"), "\(same.stderr)")
  }

  /// Each refusal comes before the model starts: the model URL has no server behind it.
  @Test func badFewShotSourcesAndRegexesAreRefusedBeforeTheModelStarts() async throws {
    let directory = try TemporaryDirectory()
    try generateSplits(in: directory.path)
    // The same spec with another seed, and one whose train split lacks the length-6 cell.
    try FileManager.default.createDirectory(atPath: directory.path + "/other", withIntermediateDirectories: true)
    try Self.spec.replacingOccurrences(of: "\"seed\": 7", with: "\"seed\": 8")
      .write(toFile: directory.path + "/other/spec.json", atomically: true, encoding: .utf8)
    #expect(
      try Binary.run(["generate", "other/spec.json", "--split", "train", "--out", "other"], in: directory.path).status
        == 0)
    // A spec whose train block has no length-6 cell: both of its splits.
    try Self.spec.replacingOccurrences(
      of: "\"train\": {\"examples\": 5}", with: "\"train\": {\"examples\": 5, \"grid\": {\"length\": [4]}}"
    ).write(toFile: directory.path + "/short.json", atomically: true, encoding: .utf8)
    for split in ["test", "train"] {
      let result = try Binary.run(
        ["generate", "short.json", "--split", split, "--out", "short-" + split], in: directory.path)
      #expect(result.status == 0, "\(result.stderr)")
    }

    let base = ["eval", "test/fs.jsonl", "--model", "http://127.0.0.1:9/v1", "--mode", "generate", "--out", "run"]
    let cases: [(arguments: [String], status: Int32, message: String)] = [
      (["--few-shot", "2"], 64, "'--few-shot' needs '--few-shot-from TRAIN.jsonl'"),
      (["--few-shot", "2", "--few-shot-from", "missing.jsonl"], 66, "no task file at 'missing.jsonl'"),
      (["--few-shot", "2", "--few-shot-from", "test/fs.jsonl"], 64, "its manifest says split 'test', not 'train'"),
      (["--few-shot", "2", "--few-shot-from", "other/fs.jsonl"], 64, "another spec or seed"),
      (
        ["short-test/fs.jsonl", "--few-shot", "2", "--few-shot-from", "short-train/fs.jsonl"], 64,
        "0 examples of cell 'perm/S3/swap/one/T6/kfinal'"
      ),
      (["--few-shot", "6", "--few-shot-from", "train/fs.jsonl"], 64, "fewer than --few-shot 6"),
      (["--extract", "regex:(unclosed"], 64, "the regular expression '(unclosed' of '--extract' does not compile"),
      (["--extract", "middle-line"], 64, "'middle-line' is invalid for '--extract'"),
      (["--system", "S"], 64, "'--system' needs '--chat'"),
    ]
    for (arguments, status, message) in cases {
      // A first argument naming a task file replaces the test file.
      let command =
        arguments.first?.hasSuffix(".jsonl") == true
        ? base.map { $0 == "test/fs.jsonl" ? arguments[0] : $0 } + arguments.dropFirst() : base + arguments
      let result = try Binary.run(command, in: directory.path)
      #expect(result.status == status, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(!result.stderr.contains("cannot start model"), "\(arguments): \(result.stderr)")
      if message.contains("train") || message.contains("cell") || message.contains("spec") {
        #expect(result.stderr.contains("--split train"), "says how to make the right file: \(result.stderr)")
      }
    }
  }
}

extension PromptingTests {
  /// `--temperature` reaches an `exec:` adapter's generate() through the protocol and the
  /// Python helper (Tests/Fixtures/adapters/sampler.py answers with what it got), and run.json
  /// records it; without the flag the request carries none and the adapter decodes greedily.
  @Test(arguments: [("0.7", "t=0.7"), (nil, "t=0")])
  func anExecAdapterReceivesTheTemperature(flag: String?, reply: String) async throws {
    let directory = try TemporaryDirectory()
    try generateSplits(in: directory.path)
    let model = "exec:python3 \(Binary.packageRoot)/Tests/Fixtures/adapters/sampler.py"
    let result = try Binary.run(
      ["eval", "test/fs.jsonl", "--model", model, "--mode", "generate", "--out", "run"]
        + (flag.map { ["--temperature", $0] } ?? []), in: directory.path)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = try jsonLines(directory.path + "/run/results.jsonl")
    #expect(lines.count == 4)
    for line in lines {
      #expect((line["queries"] as! [[String: Any]]).map { $0["predicted"] as? String } == [reply])
    }
    let run =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.file("run/run.json"))))
      as! [String: Any]
    #expect(run["temperature"] as? Double == Double(flag ?? "0"))
  }
}
