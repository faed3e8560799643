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
/// frames carry locals (the revealed variables) and every other frame carries `{}`, so the
/// reveal schedule is identical to `repl`. The query is the locals object of a `print` frame,
/// e.g. `{"c": "4"}`.
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
      let span = CWMFrame.append(
        .line, showing: reveal, to: &text,
        locals: { appendLocals(variable: $0.variable, values: $0.values, to: &$1) },
        source: { statement.append(prefix: "    ", to: &$0) })
      if let span { spans.append(span) }
    }
    // `main` returns None from its last statement (a trace always has one: the initial assignments).
    CWMFrame.appendMainReturn(to: &text) { last?.append(prefix: "    ", to: &$0) }
    return spans
  }

  public func answer(variable: Int?, values: [Int]) -> String {
    RenderKind.cwm.answer(variable: variable, values: values)
  }

  private func appendLocals(variable: Int?, values: [Int], to text: inout [UInt8]) {
    let variables = variable.map { [$0] } ?? Array(values.indices)
    text.append(0x7B)
    for (index, name) in variables.enumerated() {
      if index > 0 { text.appendASCII(", ") }
      text.append(0x22)
      text.append(VariableName.byte(name))
      text.appendASCII("\": \"")
      text.appendDecimal(values[index])
      text.append(0x22)
    }
    text.append(0x7D)
  }
}
