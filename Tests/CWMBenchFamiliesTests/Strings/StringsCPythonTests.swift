import CWMBenchCore
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// Executes generated `strings` traces in CPython: the family's ground truth.
///
/// CPython runs every `repl` statement and prints the output lines; the script recomputes
/// `since_word` from the values it computes and the word list, without the generator's edit
/// records. `cwm` and `nl` are read independently and compared with the state CPython computes
/// for the same trace.
@Suite(.offCooperativePool) struct StringsCPythonTests {
  static let examplesPerCell = 2
  static let corpus = StringsCorpus.lines(examplesPerCell: examplesPerCell)

  /// Runs `script` over the corpus and decodes its one line of JSON output.
  static func check(_ script: String) throws -> JSONValue {
    try JSONParser.parse(try Python.run(script, input: corpus))
  }

  @Test func replTracesPrintExactlyTheirOutputLinesAndSinceWord() throws {
    let script = #"""
      import collections, contextlib, io, json, re, sys
      words = set(json.loads(sys.stdin.readline()))
      V, N, L = r"([a-z])", r"(\d+)", r"'([a-z])'"
      templates = [
          ("set/insert", re.compile(rf"{V} = \1\[:{N}\] \+ {L} \+ \1\[{N}:\]")),
          ("delete", re.compile(rf"{V} = \1\[:{N}\] \+ \1\[{N}:\]")),
          ("swap", re.compile(rf"{V} = \1\[:{N}\] \+ \1\[{N}\] \+ \1\[{N}:{N}\] \+ \1\[{N}\] \+ \1\[{N}:\]")),
          ("reverse", re.compile(rf"{V} = \1\[:{N}\] \+ \1\[{N}:{N}\]\[::-1\] \+ \1\[{N}:\]")),
          ("replace", re.compile(rf"{V} = \1\.replace\({L}, {L}\)")),
          ("move", re.compile(rf"{V}, {V} = \1\[:{N}\], \2 \+ \1\[{N}:\]")),
      ]

      def kind_of(stmt):
          """The edit kind a statement's shape says, checking the template's numbers agree."""
          for name, pattern in templates:
              m = pattern.fullmatch(stmt)
              if not m:
                  continue
              g = m.groups()
              n = [int(x) for x in g if x.isdigit()]
              if name == "set/insert":
                  assert n[1] in (n[0], n[0] + 1), stmt
                  return "set" if n[1] == n[0] + 1 else "insert"
              if name == "delete":
                  assert n[1] == n[0] + 1, stmt
              if name == "swap":
                  i, j = n[0], n[1]
                  assert i < j and n[2:] == [i + 1, j, i, j + 1], stmt
              if name == "reverse":
                  assert n[1] == n[0] and n[3] == n[2] and n[2] - n[0] >= 2, stmt
              if name == "replace":
                  assert g[1] != g[2], stmt
              if name == "move":
                  assert g[0] != g[1] and n[0] == n[1], stmt
              return name
          raise AssertionError(("no template", stmt))

      def applies(kind, name, state, cap):
          """The documented rule: which edits a value admits without a no-op or a broken bound."""
          s = state[name]
          if kind in ("set", "replace"):
              return True
          if kind == "insert":
              return len(s) < cap
          if kind == "delete":
              return len(s) >= 2
          if kind in ("swap", "reverse"):
              return len(set(s)) >= 2
          return len(s) >= 2 and any(len(t) < cap for o, t in state.items() if o != name)

      ALL = ["set", "insert", "delete", "swap", "reverse", "replace", "move"]
      checked, kinds, fallbacks, since_values, resets = 0, collections.Counter(), 0, collections.Counter(), 0
      starts, random_since = collections.Counter(), collections.Counter()
      for raw in sys.stdin:
          ex = json.loads(raw)["repl"]
          p = ex["params"]
          n, w, T, k = p["variables"], p["width"], p["length"], p["spacing"]
          cap = 2 * w + 8
          names = [chr(97 + i) for i in range(n)]
          allowed = [x for x in ALL if n >= 2 or x != "move"] if p["edits"] == "mixed" else p["edits"].split("+")
          text = ex["text"]
          assert text.isascii() and text.endswith("\n"), ex["id"]
          lines = text.split("\n")[:-1]
          ns, out = {}, io.StringIO()
          for i, name in enumerate(names):
              m = re.fullmatch(rf">>> {name} = '([a-z]+)'", lines[i])
              # A word of the list, or for `start: random` a string of w letters that is none.
              assert m and len(m[1]) == w and (m[1] in words) == (p["start"] == "word"), (ex["id"], lines[i])
              starts[p["start"]] += 1
              exec(lines[i][4:], ns)
          initial = [ns[v] for v in names]
          assert ex["initial"] == initial and len(set(initial)) == n, ex["id"]
          since = {v: 0 for v in names}
          revealed, outputs, spans = [], [], []
          step, offset, expect_output = 0, sum(len(x) + 1 for x in lines[:n]), False
          for line in lines[n:]:
              if expect_output:
                  outputs.append(line)
                  spans.append((offset, offset + len(line)))
                  expect_output = False
              else:
                  assert line.startswith(">>> "), (ex["id"], line)
                  stmt = line[4:]
                  if stmt.startswith("print("):
                      name = re.fullmatch(r"print\(([a-z])\)", stmt)[1]
                      revealed.append((name, ns[name], since[name], step))
                      with contextlib.redirect_stdout(out):
                          exec(stmt, ns)
                      expect_output = True
                  else:
                      step += 1
                      kind = kind_of(stmt)
                      before = {v: ns[v] for v in names}
                      if kind not in allowed:
                          # Only a set, and only when no selected kind applied to any variable.
                          assert kind == "set", (ex["id"], stmt)
                          assert not any(applies(x, v, before, cap) for x in allowed for v in names), ex["id"]
                          fallbacks += 1
                      kinds[kind] += 1
                      exec(stmt, ns)
                      changed = [v for v in names if ns[v] != before[v]]
                      # Exactly the variables the statement names change: no edit is a no-op.
                      assert changed == sorted({stmt[0], stmt[3]} if kind == "move" else {stmt[0]}), (ex["id"], stmt)
                      for v in changed:
                          old, new = before[v], ns[v]
                          assert re.fullmatch("[a-z]+", new) and len(new) <= cap, (ex["id"], stmt, new)
                          if len(old) == len(new):
                              cost = sum(a != b for a, b in zip(old, new))
                          else:
                              cost = abs(len(old) - len(new))
                          if new in words:
                              resets += since[v] > 0
                              since[v] = 0
                          else:
                              since[v] += cost
              offset += len(line) + 1
          assert not expect_output and step == T, ex["id"]
          printed = out.getvalue().split("\n")[:-1]
          assert printed == outputs, (ex["id"], printed, outputs)
          qs = ex["queries"]
          steps = [s for s in range(1, T + 1) if (s == T) or (k != "final" and s % k == 0)]
          assert len(qs) == len(outputs) == len(steps), ex["id"]
          prev = 0
          for q, line, span, s, (name, value, since_word, at) in zip(qs, outputs, spans, steps, revealed):
              assert text[q["start"]:q["end"]] == q["answer"] == line == value, (ex["id"], q)
              assert (q["start"], q["end"]) == span and q["step"] == s == at, (ex["id"], q)
              assert q["since_reveal"] == s - prev, (ex["id"], q)
              assert q["variable"] == name and q["values"] == [value], (ex["id"], q)
              assert q["since_word"] == since_word, (ex["id"], q, since_word)
              assert "candidates" not in q and "probs" not in q, ex["id"]
              since_values[min(since_word, 3)] += 1
              if p["start"] == "random":
                  random_since[min(since_word, 3)] += 1
              prev = s
          checked += 1
      print(json.dumps({"checked": checked, "kinds": kinds, "fallbacks": fallbacks,
                        "since": {str(x): c for x, c in since_values.items()}, "resets": resets,
                        "starts": starts, "random_since": {str(x): c for x, c in random_since.items()}}))
      """#
    let result = try Self.check(script)
    #expect(result["checked"]?.intValue == StringsCorpus.cells.count * Self.examplesPerCell)
    for kind in EditKind.allCases {
      #expect(
        (result["kinds"]?[kind.rawValue]?.intValue ?? 0) > 100,
        "\(kind.rawValue): \(String(describing: result["kinds"]))")
    }
    // Long insert-only and delete-only traces run out of room: their fallback sets are exercised.
    #expect((result["fallbacks"]?.intValue ?? 0) > 0)
    // Reveals cover words (0), values one or two characters away, and far ones.
    for bucket in ["0", "1", "2", "3"] {
      #expect((result["since"]?[bucket]?.intValue ?? 0) > 0, "since_word \(bucket)")
      // `start: random` counts from its start: untouched (0), one edit away, and more.
      #expect((result["random_since"]?[bucket]?.intValue ?? 0) > 0, "random since_word \(bucket)")
    }
    #expect((result["starts"]?["random"]?.intValue ?? 0) > 0)
  }

  @Test func cwmFramesShowTheStateCPythonComputes() throws {
    let script = #"""
      import json, re, sys
      sys.stdin.readline()
      frame = re.compile(r"<\|line_sep\|>(\{.*?\})?<\|action_sep\|>    (.*?)\n<\|frame_sep\|>")
      head = "<|trace_context_start|>def main():  # << START_OF_TRACE\n"
      call = "<|frame_sep|><|call_sep|>{}<|action_sep|>def main():\n<|frame_sep|>"
      checked = 0
      for raw in sys.stdin:
          record = json.loads(raw)
          ex, repl = record["cwm"], record["repl"]
          text = ex["text"]
          stmts = [line[4:] for line in repl["text"].split("\n") if line.startswith(">>> ")]
          context = "".join("    " + s + "\n" for s in stmts)
          assert text.startswith(head + context + call), ex["id"]
          ns = {"print": lambda *args: None}
          reveals, codes, at = [], [], len(head + context + call)
          for m in frame.finditer(text, at):
              assert m.start() == at, (ex["id"], text[at:m.start()])
              at = m.end()
              code = m[2]
              codes.append(code)
              if code.startswith("print("):
                  name = code[len("print(")]
                  assert json.loads(m[1]) == {name: repr(ns[name])}, (ex["id"], m[1])
                  # Reveal cue: the name is written, the value between its quotes is the span.
                  start = m.start(1) + len(json.dumps(name)) + len(': "') + 1
                  reveals.append((start, m.end(1) - 2, repr(ns[name])))
                  assert text[start - 1] == '"' and text[m.end(1) - 2] == '"', ex["id"]
              else:
                  assert m[1] is None, ex["id"]  # a hidden frame writes no locals at all
              exec(code, ns)
          assert codes == stmts, ex["id"]
          # The return frame repeats the last line executed.
          assert text[at:] == '<|return_sep|><|action_sep|>    %s\n<|arg_sep|>"None"<|frame_sep|>' % stmts[-1], ex["id"]
          qs = ex["queries"]
          assert [(q["start"], q["end"], q["answer"]) for q in qs] == reveals, ex["id"]
          fields = ["step", "since_reveal", "since_word", "values", "variable"]
          assert [[q[f] for f in fields] for q in qs] == [[q[f] for f in fields] for q in repl["queries"]], ex["id"]
          assert ex["initial"] == repl["initial"]
          checked += 1
      print(json.dumps({"checked": checked}))
      """#
    #expect(try Self.check(script)["checked"]?.intValue == StringsCorpus.cells.count * Self.examplesPerCell)
  }

  @Test func naturalLanguageRevealsFollowTheStory() throws {
    // An independent reading of the English: letters counted from 1, lists rather than slices.
    let script = #"""
      import json, re, sys
      sys.stdin.readline()
      checked = 0
      for raw in sys.stdin:
          record = json.loads(raw)
          ex, truth = record["nl"], record["repl"]["queries"]
          s, answers, offset = {}, [], 0
          for line in ex["text"].split("\n")[:-1]:
              if m := re.fullmatch(r"String ([a-z]) is ([a-z]+)\.", line):
                  s[m[1]] = list(m[2])
              elif m := re.fullmatch(r"Change letter (\d+) of string ([a-z]) to ([a-z])\.", line):
                  assert s[m[2]][int(m[1]) - 1] != m[3], line
                  s[m[2]][int(m[1]) - 1] = m[3]
              elif m := re.fullmatch(r"Insert ([a-z]) as letter (\d+) of string ([a-z])\.", line):
                  assert 1 <= int(m[2]) <= len(s[m[3]]) + 1, line
                  s[m[3]].insert(int(m[2]) - 1, m[1])
              elif m := re.fullmatch(r"Delete letter (\d+) of string ([a-z])\.", line):
                  del s[m[2]][int(m[1]) - 1]
              elif m := re.fullmatch(r"Swap letters (\d+) and (\d+) of string ([a-z])\.", line):
                  t, i, j = s[m[3]], int(m[1]) - 1, int(m[2]) - 1
                  assert i < j and t[i] != t[j], line
                  t[i], t[j] = t[j], t[i]
              elif m := re.fullmatch(r"Reverse letters (\d+) to (\d+) of string ([a-z])\.", line):
                  t, i, j = s[m[3]], int(m[1]) - 1, int(m[2])
                  assert j - i >= 2 and j <= len(t), line
                  t[i:j] = t[i:j][::-1]
              elif m := re.fullmatch(r"Replace every ([a-z]) in string ([a-z]) with ([a-z])\.", line):
                  assert m[1] in s[m[2]] and m[1] != m[3], line
                  s[m[2]] = [m[3] if c == m[1] else c for c in s[m[2]]]
              elif m := re.fullmatch(r"Move letters (\d+) onward of string ([a-z]) to the end of string ([a-z])\.", line):
                  cut = int(m[1]) - 1
                  assert 1 <= cut < len(s[m[2]]) and m[2] != m[3], line
                  s[m[3]] += s[m[2]][cut:]
                  del s[m[2]][cut:]
              elif m := re.fullmatch(r"Now string ([a-z]) reads: ([a-z]+)", line):
                  assert "".join(s[m[1]]) == m[2], (ex["id"], line)
                  answers.append((offset + m.start(2), offset + m.end(2), m[2], m[1]))
              else:
                  raise AssertionError(("unparsed", line))
              offset += len(line) + 1
          assert [(q["start"], q["end"], q["answer"], q["variable"]) for q in ex["queries"]] == answers, ex["id"]
          # The story's values are what CPython printed for the same trace (checked by the repl test).
          assert [q["values"][0] for q in truth] == [a[2] for a in answers], ex["id"]
          checked += 1
      print(json.dumps({"checked": checked}))
      """#
    #expect(try Self.check(script)["checked"]?.intValue == StringsCorpus.cells.count * Self.examplesPerCell)
  }

  @Test func answersAreSpelledAsTheFormatsSay() {
    // The one spelling of a strings answer (for baselines) matches the rendered spans.
    for cell in StringsCorpus.cells.prefix(12) {
      for render in RenderKind.allCases {
        var own = cell.stringsParameters
        own.render = render
        let params = CellParameters(family: cell.family, parameters: own)
        let example = StringsExampleFactory(params: params).example(index: 0, seed: 99)
        for query in example.queries {
          #expect(render.stringAnswer(variable: query.variable!, value: query.stringValues![0]) == query.answer)
        }
      }
    }
  }
}
