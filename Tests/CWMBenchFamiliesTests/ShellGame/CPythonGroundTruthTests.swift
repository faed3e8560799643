import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// Executes generated traces in CPython: the contract's ground truth (docs/task-file.md, "The text").
@Suite(.offCooperativePool) struct CPythonGroundTruthTests {
  /// Every family, action kind and reveal kind, over S, A and Z groups.
  static let cells: [CellParameters] = {
    var cells: [CellParameters] = []
    let groups = ["S3", "S5", "A4", "A5", "Z4", "Z7", "S2", "S8"].map { try! Group(parsing: $0) }
    for group in groups {
      for actions in ActionKind.allCases where group.admits(actions) {
        for reveal in RevealKind.allCases {
          for spacing in [Spacing.every(1), .every(3), .final] {
            cells.append(
              CellParameters(
                family: .perm, group: group, length: 13, spacing: spacing, actions: actions, reveal: reveal))
            guard let range = group.choicesRange(for: actions) else { continue }
            let pfsa = CellParameters(
              family: .pfsa, group: group, length: 13, spacing: spacing, actions: actions, reveal: reveal,
              hidden: 0.5, choices: range.upperBound)
            // S8 pfsa is covered by the posterior tests; its n! belief is slow in debug builds.
            if group.n < 8, (try? pfsa.validate()) != nil { cells.append(pfsa) }
          }
        }
      }
    }
    return cells
  }()

  /// JSON lines: one example each, plus the executed choice of every hidden action.
  static func corpus(render: RenderKind, examplesPerCell: Int = 4) -> String {
    var writer = JSONWriter()
    for cell in cells {
      var own = cell.shellGame
      own.render = render
      let params = CellParameters(family: cell.family, parameters: own)
      let factory = ExampleFactory(params: params)
      let generator = TraceGenerator(params: params)
      for index in 0..<examplesPerCell {
        let seed = ExampleSeed.make(suiteSeed: 11, split: .test, cellKey: params.key, index: index)
        let trace = generator.trace(seed: seed)
        let example = factory.example(from: trace, id: "\(params.key)/\(index)")
        writer.writeRaw("{\"chosen\":[")
        let chosen = trace.steps.filter(\.action.isHidden).map(\.action.chosen)
        writer.writeRaw(chosen.map(String.init).joined(separator: ","))
        writer.writeRaw("],\"example\":")
        example.write(to: &writer)
        writer.writeRaw("}\n")
      }
    }
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  @Test func replTracesPrintExactlyTheirOutputLines() throws {
    let script = #"""
      import io, json, random, sys, contextlib
      checked = 0
      for raw in sys.stdin:
          record = json.loads(raw)
          ex = record["example"]
          chosen = list(record["chosen"])
          random.choice = lambda seq: seq[chosen.pop(0)]
          text = ex["text"]
          assert text.isascii() and text.endswith("\n"), ex["id"]
          lines = text.split("\n")[:-1]
          ns = {"random": random}
          out = io.StringIO()
          expected_outputs = []
          offset = 0
          output_spans = []
          names = [chr(97 + i) for i in range(ex["params"]["n"])]
          initial = None
          revealed = []  # (variable or None, values) at each print, read from CPython's namespace
          for line in lines:
              if line.startswith(">>> "):
                  stmt = line[4:]
                  if stmt != "import random":
                      if stmt.startswith("print("):
                          inner = stmt[len("print("):-1]
                          if inner.startswith("'"):
                              revealed.append((inner[1], [ns[inner[1]]]))
                          else:
                              revealed.append((None, [ns[v] for v in inner.split(", ")]))
                      with contextlib.redirect_stdout(out):
                          exec(stmt, ns)
                      if initial is None and all(v in ns for v in names):
                          initial = [ns[v] for v in names]
              else:
                  expected_outputs.append(line)
                  output_spans.append((offset, offset + len(line)))
              offset += len(line) + 1
          printed = out.getvalue().split("\n")[:-1]
          assert printed == expected_outputs, (ex["id"], printed, expected_outputs)
          assert not chosen, ex["id"]
          qs = ex["queries"]
          assert len(qs) == len(expected_outputs), ex["id"]
          p = ex["params"]
          T, k = p["length"], p["spacing"]
          steps = [s for s in range(1, T + 1) if (k == "final" and s == T) or (k != "final" and (s % k == 0 or s == T))]
          # The structure fields say what CPython computed: initial values, each reveal's values.
          assert ex["initial"] == initial, (ex["id"], ex["initial"], initial)
          assert [(q.get("variable"), q["values"]) for q in qs] == revealed, (ex["id"], revealed)
          prev = 0
          for q, line, span, step in zip(qs, expected_outputs, output_spans, steps):
              assert text[q["start"]:q["end"]] == q["answer"] == line, (ex["id"], q)
              assert (q["start"], q["end"]) == span
              assert q["step"] == step and q["since_reveal"] == step - prev, (ex["id"], q, step)
              prev = step
              if "candidates" in q:
                  assert q["answer"] in q["candidates"]
                  assert len(set(q["candidates"])) == len(q["candidates"])
              if ex["family"] == "pfsa":
                  assert abs(sum(q["probs"]) - 1) < 1e-9
                  assert q["probs"][q["candidates"].index(q["answer"])] > 0
              else:
                  assert "probs" not in q
          checked += 1
      print(checked)
      """#
    let corpus = Self.corpus(render: .repl)
    let output = try Python.run(script, input: corpus)
    #expect(Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) == Self.cells.count * 4)
  }

  /// The frames are the events `sys.settrace` reports when CPython runs the context (call,
  /// one line per statement, the return from the last statement), the entry point carries CWM's
  /// `  # << START_OF_TRACE` marker (stripped in the call frame, as cwmdbg.py does), and each
  /// `print` frame's locals are the state CPython computes. (Since the CWM-format fix: before it,
  /// the context had no marker and the return frame read `return None`, a line not in the context.)
  @Test func cwmFramesShowTheStateCPythonComputes() throws {
    let script = #"""
      import json, random, sys
      MARK = "  # << START_OF_TRACE"
      HEAD = "<|trace_context_start|>"
      checked = 0
      for raw in sys.stdin:
          record = json.loads(raw)
          ex = record["example"]
          text = ex["text"]
          assert text.startswith(HEAD + "def main():" + MARK + "\n"), ex["id"]
          context, _, rest = text[len(HEAD):].partition("<|frame_sep|>")
          lines = context.split("\n")

          # CPython's own events, the hidden actions replaying their recorded choices.
          chosen = list(record["chosen"])
          random.choice = lambda seq: seq[chosen.pop(0)]
          scope = {"print": lambda *a: None}
          exec(compile(context, "<context>", "exec"), scope)
          events = []
          def trace(frame, event, arg):
              if frame.f_code.co_filename != "<context>":
                  return None
              source = lines[frame.f_lineno - 1]
              if source.endswith(MARK):
                  source = source[: -len(MARK)]
              events.append((event, source, repr(arg) if event == "return" else None))
              return trace
          sys.settrace(trace)
          try:
              scope["main"]()
          finally:
              sys.settrace(None)
          assert not chosen, ex["id"]

          # The rendered frames, read apart.
          frames, offset = [], len(HEAD) + len(context) + len("<|frame_sep|>")
          for piece in rest.split("<|frame_sep|>")[:-1]:
              kind = piece[2:piece.index("_sep|>")]
              body = piece[len("<|" + kind + "_sep|>"):]
              local_text, _, after = body.partition("<|action_sep|>")
              source, _, value = after.partition("\n")
              value = json.loads(value[len("<|arg_sep|>"):]) if kind == "return" else None
              frames.append((kind, source, value, local_text, offset + len("<|" + kind + "_sep|>")))
              offset += len(piece) + len("<|frame_sep|>")
          assert [f[:3] for f in frames] == events, (ex["id"], frames, events)
          assert rest.endswith("<|frame_sep|>") and frames[-1][0] == "return"

          # Locals: the printed variables' state (replaying the statements), none elsewhere.
          chosen = list(record["chosen"])
          ns = {"random": random, "print": lambda *a: None}
          reveals = []
          for kind, source, _, local_text, start in frames:
              if kind != "line":
                  assert local_text == ("" if kind == "return" else "{}"), ex["id"]
                  continue
              code = source[4:]
              if code.startswith("print("):
                  state = json.loads(local_text)
                  assert state, ex["id"]
                  for name, value in state.items():
                      assert value == repr(ns[name]), (ex["id"], name, value, ns[name])
                  # Reveal cue: the names are written; the span runs from the first value's
                  # first character to the last value's last (one value for reveal one).
                  first = len(json.dumps(list(state)[0])) + len('{: "')
                  reveals.append((start + first, start + len(local_text) - 2, local_text[first:-2]))
              else:
                  assert local_text == "", ex["id"]  # a hidden frame writes no locals at all
              exec(code, ns)
          qs = ex["queries"]
          assert [(q["start"], q["end"], q["answer"]) for q in qs] == reveals, ex["id"]
          assert [text[q["start"]:q["end"]] for q in qs] == [q["answer"] for q in qs]
          assert not chosen
          checked += 1
      print(checked)
      """#
    let output = try Python.run(script, input: Self.corpus(render: .cwm, examplesPerCell: 2))
    #expect(Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) == Self.cells.count * 2)
  }

  @Test func naturalLanguageRevealsFollowTheStory() throws {
    // An independent reading of the nl format: replay the sentences and compare each reveal.
    let script = #"""
      import json, sys, re
      checked = 0
      for raw in sys.stdin:
          record = json.loads(raw)
          ex = record["example"]
          chosen = list(record["chosen"])
          cups, offset, answers = {}, 0, []
          for line in ex["text"].split("\n")[:-1]:
              if m := re.fullmatch(r"Cup (\w) holds (\d+)\.", line):
                  cups[m[1]] = int(m[2])
              elif m := re.fullmatch(r"Swap cups (\w) and (\w)\.", line):
                  cups[m[1]], cups[m[2]] = cups[m[2]], cups[m[1]]
              elif line.startswith("Move cups ") or line.startswith("Secretly"):
                  moves = re.findall(r"move cups ([\w, ]+?) into cups ([\w, ]+?)(?:;|\.$)", line, re.I)
                  src, dst = moves[chosen.pop(0)] if line.startswith("Secretly") else moves[0]
                  src, dst = src.split(", "), dst.split(", ")
                  values = [cups[s] for s in src]
                  for d, v in zip(dst, values): cups[d] = v
              elif m := re.fullmatch(r"Cup (\w) now holds (\d+)\.", line):
                  assert cups[m[1]] == int(m[2]), ex["id"]
                  answers.append((offset + m.start(2), m[2]))
              elif m := re.fullmatch(r"Cups ([\w, ]+) now hold ([\d, ]+)\.", line):
                  assert [cups[c] for c in m[1].split(", ")] == [int(v) for v in m[2].split(", ")], ex["id"]
                  answers.append((offset + m.start(2), m[2]))
              else:
                  raise AssertionError(("unparsed", line))
              offset += len(line) + 1
          assert [(q["start"], q["answer"]) for q in ex["queries"]] == answers, ex["id"]
          checked += 1
      print(checked)
      """#
    let output = try Python.run(script, input: Self.corpus(render: .nl, examplesPerCell: 2))
    #expect(Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) == Self.cells.count * 2)
  }
}
