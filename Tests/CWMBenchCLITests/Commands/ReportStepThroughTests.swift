import CWMBenchFamilies
import CWMBenchReport
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI
@testable import CWMBenchCore
@testable import CWMBenchFormats

/// The page's step-through shows the true state after every action: the CLI replays every
/// example's trace (the stops in `samples/detail-*.js`), and CPython, executing the task file's
/// own text, agrees with every stop.
@Suite(.offCooperativePool) struct ReportStepThroughTests {
  @Test func everyActionStopShowsTheStateCPythonComputes() throws {
    let directory = try Self.report(
      generating: [
        "generate", "--family", "perm", "--group", "S4", "--length", "10", "--spacing", "3", "--examples", "6",
        "--name", "st", "--seed", "5", "--out", "tasks",
      ], name: "st")
    let script =
      Self.readStops + #"""
        checked = 0
        for stops, ident in boxes:
            ex = tasks[ident]
            names = [chr(97 + i) for i in range(ex["params"]["n"])]
            ns = {}
            states = []
            for line in ex["text"].split("\n"):
                if line.startswith(">>> ") and not line.startswith(">>> print("):
                    exec(line[4:], ns)
                    if all(v in ns for v in names) and len([l for l in [line] if "," in l]) == 1:
                        states.append([ns[v] for v in names])
            lines = ex["text"].split("\n")
            statements = [i for i, l in enumerate(lines) if l.startswith(">>> ") and not l.startswith(">>> print(")]
            assert [s["line"] for s in stops if s["label"].startswith("after action")] == statements[len(names):], ex["id"]
            actions = [s["label"] for s in stops if s["label"].startswith("after action")]
            assert len(actions) == ex["params"]["length"], (len(actions), ex["id"])
            assert len(stops) == 1 + ex["params"]["length"] + len(ex["queries"]), ex["id"]
            for t, (label, state) in enumerate(zip(actions, states), 1):
                want = "after action %d/%d: " % (t, ex["params"]["length"]) + " ".join("%s=%d" % (v, x) for v, x in zip(names, state))
                assert label == want, (label, want)
            checked += 1
        print(checked)
        """#
    let output = try Python.run(
      script, arguments: [directory.file("report/samples"), directory.file("tasks/st.jsonl")])
    #expect((Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 1, "\(output)")
  }

  /// A `programs` reveal's stop carries its frame's locals: each name the frame writes, its value
  /// (CWM's `..` resolved to the value last written for the name in the same call) and whether
  /// the frame writes something new, worked out here by parsing the frames with `json`.
  @Test func programsStopsCarryTheirFramesLocals() throws {
    let directory = try Self.report(
      generating: [
        "generate", "--family", "programs", "--program", "bank_account,binary_search", "--length", "32",
        "--spacing", "3", "--examples", "4", "--name", "pr", "--out", "tasks",
      ], name: "pr")
    let script =
      Self.readStops + #"""
        checked = 0
        for stops, ident in boxes:
            ex = tasks[ident]
            lines = ex["text"].split("\n")
            # The locals each frame line writes, resolved per call.
            calls, frames = [{}], {}
            for index, line in enumerate(lines):
                if "<|call_sep|>" in line:
                    calls.append({})
                m = re.search(r"<\|(?:call|line)_sep\|>(\{.*\})<\|action_sep\|>", line)
                if m and m.group(1) != "{}":
                    locals_ = []
                    for name, shown in json.loads(m.group(1)).items():
                        last = calls[-1].get(name)
                        if shown == "..":
                            locals_.append({"name": name, "value": last if last is not None else "..", "changed": False})
                        else:
                            locals_.append({"name": name, "value": shown, "changed": last != shown})
                            calls[-1][name] = shown
                    frames[index] = locals_
                if line.startswith("<|arg_sep|>"):
                    kind = "raise" if "<|exception_sep|>" in lines[index - 1] else "return"
                    frames[index] = [{"name": kind, "value": json.loads(line[len("<|arg_sep|>"):].split("<|frame_sep|>")[0]), "changed": True}]
                if "<|return_sep|>" in line and len(calls) > 1:
                    calls.pop()
            reveals = [s for s in stops if s["label"].startswith("reveal ")]
            assert len(reveals) == len(ex["queries"]), ex["id"]
            for stop, query in zip(reveals, ex["queries"]):
                assert stop["line"] == ex["text"][:query["start"]].count("\n"), (stop, query)
                assert stop.get("locals") == frames[stop["line"]], (ex["id"], stop, frames[stop["line"]])
                checked += 1
            assert any(not l["changed"] for s in reveals for l in s["locals"]), ex["id"]
        print(checked)
        """#
    let output = try Python.run(
      script, arguments: [directory.file("report/samples"), directory.file("tasks/pr.jsonl")])
    #expect((Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 10, "\(output)")
  }

  @Test func aTaskLineThatDoesNotReplayExactlyGetsNoStates() throws {
    let directory = try TemporaryDirectory()
    let result = try Binary.run(
      [
        "generate", "--family", "pfsa", "--group", "S3", "--length", "6", "--spacing", "2", "--examples", "2",
        "--name", "r", "--out", "tasks",
      ], in: directory.path)
    try #require(result.status == 0, "\(result.stderr)")
    let path = directory.file("tasks/r.jsonl")
    var example = try #require(try TaskFileReader.readAll(inFileAt: path).first)
    let states = try #require(ReportBuilder.replayedStates(of: example, taskFile: path))
    #expect(states.count == 6 && states.allSatisfy { $0.count == 3 })
    // The revealed values are the replayed state's at each reveal.
    for query in example.queries {
      #expect(states[query.step - 1][query.variable!] == String(query.values![0]))
    }
    example.text = example.text.replacingOccurrences(of: ">>> a = ", with: ">>> a =  ")
    #expect(ReportBuilder.replayedStates(of: example, taskFile: path) == nil)
    #expect(ReportBuilder.replayedStates(of: example, taskFile: directory.file("elsewhere.jsonl")) == nil)
  }
}

/// The example of issue 19: three renderings of one grid are three rows, not one pooled row.
@Suite(.offCooperativePool) struct ReportRenderRowsTests {
  @Test func threeRenderingsGiveThreeSummaryRowsOfTenExamples() throws {
    let directory = try TemporaryDirectory()
    let generate = try Binary.run(
      [
        "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "1", "--render", "repl,cwm,nl",
        "--examples", "10", "--out", "tasks", "--quiet",
      ], in: directory.path)
    try #require(generate.status == 0, "\(generate.stderr)")
    let eval = try Binary.run(["eval", "tasks/inline.jsonl", "--model", "oracle", "--out", "run"], in: directory.path)
    try #require(eval.status == 0, "\(eval.stderr)")
    let report = try Binary.run(["report", "run", "--out", "report"], in: directory.path)
    try #require(report.status == 0, "\(report.stderr)")
    let accuracy = try SummaryCSV.rows(atPath: directory.file("report/summary.csv")).filter {
      $0["metric"] == "accuracy"
    }
    #expect(accuracy.compactMap { $0["render"] }.sorted() == ["cwm", "nl", "repl"])
    #expect(accuracy.allSatisfy { $0["examples"] == "10" })
  }
}

extension ReportStepThroughTests {
  /// The sample browser's stops of every example, read from `samples/detail-*.js` (`sys.argv[1]`)
  /// beside the task file's examples (`sys.argv[2]`), as `boxes` of `(stops, id)`.
  static let readStops = #"""
    import glob, json, os, re, sys
    tasks = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[2])}
    # Every example's stops, from the sample browser's detail files (cwmSamples.detail(key, [...])).
    boxes = []
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "detail-*.js"))):
        text = open(path).read()
        for entry in json.loads("[" + text[text.index("(") + 1:text.rindex(")")] + "]")[1]:
            boxes.append((entry["stops"], entry["id"]))
    assert len(boxes) == len(tasks), (len(boxes), len(tasks))

    """#

  /// A temporary folder with `tasks/NAME.jsonl` from `generate`'s arguments, `last-reveal`'s run
  /// of it and the report of that run.
  static func report(generating arguments: [String], name: String) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    for arguments in [
      arguments, ["eval", "tasks/\(name).jsonl", "--model", "last-reveal", "--out", "run"],
      ["report", "run", "--out", "report"],
    ] {
      let result = try Binary.run(arguments, in: directory.path)
      try #require(result.status == 0, "\(arguments): \(result.stderr)")
    }
    return directory
  }
}
