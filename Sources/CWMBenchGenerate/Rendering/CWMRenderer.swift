import CWMBenchCore
import CWMBenchFormats

/// Meta CWM's execution-trace format (SPEC §2): the program as source context, then frames.
///
/// Each frame is `<|line_sep|>LOCALS<|action_sep|>LINE\n<|frame_sep|>`, where LOCALS is the
/// state just before LINE runs, as a JSON object of Python reprs. CWM's own traces show every
/// local at every frame, which would reveal the state after every action whatever the spacing;
/// here only the `print` frames carry locals (the revealed variables), and every other frame
/// carries `{}`. That keeps the reveal schedule identical to `repl`. The query is the locals
/// object of a `print` frame, e.g. `{"c": "4"}`.
public struct CWMRenderer: TraceRenderer {
  /// Creates the renderer.
  public init() {}

  public func render(_ trace: Trace, into text: inout [UInt8]) -> [Range<Int>] {
    let lines = sourceLines(trace)
    text.appendASCII("<|trace_context_start|>def main():\n")
    for line in lines { text.appendASCII("    "); text.append(contentsOf: line.code); text.append(0x0A) }
    text.appendASCII("<|frame_sep|><|call_sep|>{}<|action_sep|>def main():\n<|frame_sep|>")
    var spans: [Range<Int>] = []
    for line in lines {
      text.appendASCII("<|line_sep|>")
      if let reveal = line.reveal {
        let start = text.count
        appendLocals(variable: reveal.variable, values: reveal.values, to: &text)
        spans.append(start..<text.count)
      } else {
        text.appendASCII("{}")
      }
      text.appendASCII("<|action_sep|>    ")
      text.append(contentsOf: line.code)
      text.appendASCII("\n<|frame_sep|>")
    }
    text.appendASCII("<|return_sep|><|action_sep|>    return None\n<|arg_sep|>\"None\"<|frame_sep|>")
    return spans
  }

  public func answer(variable: Int?, values: [Int]) -> String {
    RenderKind.cwm.answer(variable: variable, values: values)
  }

  private struct SourceLine {
    var code: [UInt8]
    var reveal: Trace.Reveal?
  }

  /// The program's lines: assignments, actions, and prints, reusing the REPL's statements.
  private func sourceLines(_ trace: Trace) -> [SourceLine] {
    var repl: [UInt8] = []
    _ = ReplRenderer().render(trace, into: &repl)
    var lines: [SourceLine] = []
    var reveals = trace.steps.lazy.compactMap(\.reveal).makeIterator()
    for line in repl.split(separator: 0x0A, omittingEmptySubsequences: false) {
      // Statement lines start with ">>> "; output lines are dropped (locals show the state).
      guard line.starts(with: [0x3E, 0x3E, 0x3E, 0x20]) else { continue }
      let code = Array(line.dropFirst(4))
      let isPrint = code.starts(with: Array("print(".utf8))
      lines.append(SourceLine(code: code, reveal: isPrint ? reveals.next() : nil))
    }
    return lines
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
