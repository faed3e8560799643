import CWMBenchCore
import CWMBenchFormats

/// Meta CWM's execution-trace format (docs/task-file.md, "The text"): the program as source context, then frames.
///
/// As in facebookresearch/cwm (PROMPTING_GUIDE.md, demos/cwmdbg.py; Programs/README.md has the
/// findings): the context marks the entry point `def main():  # << START_OF_TRACE`, the call
/// frame's source is the `def` line without the marker, each line frame is
/// `<|line_sep|>LOCALS<|action_sep|>LINE\n<|frame_sep|>` with LOCALS the state just before LINE
/// runs (a JSON object of Python reprs), and the return frame's source is the line executing
/// when `main` returns: its last statement, as `sys.settrace` reports it.
///
/// One departure stays (docs/decisions.md): CWM's own traces show every local at every frame,
/// which would reveal the state after every action whatever the spacing; here only the `print`
/// frames carry locals (the revealed variables) and every other line frame carries none (not
/// even `{}`), so the reveal schedule is identical to `repl`. A reveal writes the names and its
/// query is the values (reveal cues, docs/decisions.md): in `{"c": "4"}` the span is `4`, so the
/// text before it, `{"c": "`, names the variable due. A reveal of every variable is one query
/// from the first value to the last, `3", "b": "1", "c": "2` (one answer, as in `repl`).
public struct CWMRenderer: TraceRenderer {
  /// Creates the renderer.
  public init() {}

  public func render(_ trace: Trace, into text: inout [UInt8]) -> [Range<Int>] {
    var last: PythonStatement?
    CWMFrame.appendMainContext(to: &text) { text in
      PythonStatement.forEach(in: trace) { statement, _ in
        statement.append(prefix: "    ", to: &text)
        last = statement
      }
    }
    CWMFrame.appendMainCall(to: &text)
    var spans: [Range<Int>] = []
    PythonStatement.forEach(in: trace) { statement, reveal in
      let variables = reveal.map { reveal in reveal.variable.map { [$0] } ?? Array(reveal.values.indices) }
      let shownSpans = CWMFrame.append(
        .line, shown: variables?.count, to: &text,
        name: { index, text in
          text.append(0x22)
          text.append(VariableName.byte(variables?[index] ?? 0))
          text.append(0x22)
        },
        value: { index, text in
          text.append(0x22)
          text.appendDecimal(reveal?.values[index] ?? 0)
          text.append(0x22)
        }, source: { statement.append(prefix: "    ", to: &$0) })
      if let first = shownSpans.first, let last = shownSpans.last { spans.append(first.lowerBound..<last.upperBound) }
    }
    // `main` returns None from its last statement (a trace always has one: the initial assignments).
    CWMFrame.appendMainReturn(to: &text) { last?.append(prefix: "    ", to: &$0) }
    return spans
  }

  public func answer(variable: Int?, values: [Int]) -> String {
    RenderKind.cwm.answer(variable: variable, values: values)
  }
}
