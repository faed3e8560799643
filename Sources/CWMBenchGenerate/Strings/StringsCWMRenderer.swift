import CWMBenchCore
import CWMBenchFormats

/// A `strings` trace in Meta CWM's execution-trace format: the statements as `main`'s source, then frames.
///
/// As for the shell game, only the `print` frames carry locals, so the reveal schedule is the
/// one of `repl`: `<|line_sep|>{"a": "'kitten'"}<|action_sep|>    print(a)\n<|frame_sep|>`, the
/// locals being `json.dumps({name: repr(value)})` of the printed variable before the line runs;
/// that object is the query. Every other frame carries `{}`. The return frame repeats the last
/// line executed (always the final `print`), as CWM's tracer does.
public struct StringsCWMRenderer: StringsRenderer {
  /// Creates the renderer.
  public init() {}

  public func render(_ trace: StringsTrace, into text: inout [UInt8]) -> [Range<Int>] {
    text.appendASCII("<|trace_context_start|>def main():  # << START_OF_TRACE\n")
    StringsStatement.forEach(in: trace) { statement, _ in statement.append(prefix: "    ", to: &text) }
    text.appendASCII("<|frame_sep|><|call_sep|>{}<|action_sep|>def main():\n<|frame_sep|>")
    var spans: [Range<Int>] = []
    spans.reserveCapacity(trace.reveals.count)
    var last: StringsStatement?
    StringsStatement.forEach(in: trace) { statement, reveal in
      text.appendASCII("<|line_sep|>")
      if let reveal {
        let start = text.count
        text.appendASCII("{\"")
        text.append(VariableName.byte(reveal.variable))
        text.appendASCII("\": \"'")
        text.append(contentsOf: reveal.value)
        text.appendASCII("'\"}")
        spans.append(start..<text.count)
      } else {
        text.appendASCII("{}")
      }
      text.appendASCII("<|action_sep|>")
      statement.append(prefix: "    ", to: &text)
      text.appendASCII("<|frame_sep|>")
      last = statement
    }
    text.appendASCII("<|return_sep|><|action_sep|>")
    last?.append(prefix: "    ", to: &text)
    text.appendASCII("<|arg_sep|>\"None\"<|frame_sep|>")
    return spans
  }
}
