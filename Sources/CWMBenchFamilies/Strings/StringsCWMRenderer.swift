import CWMBenchCore
import CWMBenchFormats

/// A `strings` trace in Meta CWM's execution-trace format: the statements as `main`'s source, then frames.
///
/// As for the shell game, only the `print` frames carry locals, so the reveal schedule is the
/// one of `repl`: `<|line_sep|>{"a": "'kitten'"}<|action_sep|>    print(a)\n<|frame_sep|>`, the
/// locals being `json.dumps({name: repr(value)})` of the printed variable before the line runs.
/// The name is written and the value queried (reveal cues, docs/decisions.md): the span is
/// `'kitten'`, after `{"a": "`. Every other line frame carries no locals at all. The return frame
/// repeats the last line executed (always the final `print`), as CWM's tracer does.
public struct StringsCWMRenderer: StringsRenderer {
  /// Creates the renderer.
  public init() {}

  public func render(_ trace: StringsTrace, into text: inout [UInt8]) -> [Range<Int>] {
    CWMFrame.appendMainContext(to: &text) { text in
      StringsStatement.forEach(in: trace) { statement, _ in statement.append(prefix: "    ", to: &text) }
    }
    CWMFrame.appendMainCall(to: &text)
    var spans: [Range<Int>] = []
    spans.reserveCapacity(trace.reveals.count)
    var last: StringsStatement?
    StringsStatement.forEach(in: trace) { statement, reveal in
      let shownSpans = CWMFrame.append(
        .line, shown: reveal == nil ? nil : 1, to: &text,
        name: { _, text in
          text.append(0x22)
          text.append(VariableName.byte(reveal?.variable ?? 0))
          text.append(0x22)
        },
        value: { _, text in
          text.appendASCII("\"'")
          text.append(contentsOf: reveal?.value ?? [])
          text.appendASCII("'\"")
        }, source: { statement.append(prefix: "    ", to: &$0) })
      spans.append(contentsOf: shownSpans)
      last = statement
    }
    CWMFrame.appendMainReturn(to: &text) { last?.append(prefix: "    ", to: &$0) }
    return spans
  }
}
