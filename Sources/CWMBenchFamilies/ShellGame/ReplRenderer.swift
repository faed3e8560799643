import CWMBenchCore
import CWMBenchFormats

/// The reference format (docs/task-file.md, "The text"): a Python REPL session that CPython reproduces line for line.
public struct ReplRenderer: TraceRenderer {
  /// Creates the renderer.
  public init() {}

  public func render(_ trace: Trace, into text: inout [UInt8]) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    PythonStatement.forEach(in: trace) { statement, reveal in
      statement.append(prefix: ">>> ", to: &text)
      // A print's output line is the query: `c 4`, or `3 1 2` for every variable.
      guard let reveal else { return }
      let start = text.count
      if let variable = reveal.variable {
        text.append(VariableName.byte(variable))
        text.append(0x20)
        text.appendDecimal(reveal.values[0])
      } else {
        for (index, value) in reveal.values.enumerated() {
          if index > 0 { text.append(0x20) }
          text.appendDecimal(value)
        }
      }
      spans.append(start..<text.count)
      text.append(0x0A)
    }
    return spans
  }

  public func answer(variable: Int?, values: [Int]) -> String {
    RenderKind.repl.answer(variable: variable, values: values)
  }
}
