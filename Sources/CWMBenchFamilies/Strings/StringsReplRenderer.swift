import CWMBenchCore
import CWMBenchFormats

/// A `strings` trace as a Python REPL session that CPython reproduces line for line.
///
/// `>>> a = 'kitten'` per variable, one statement per edit, and `>>> print(a)` at each reveal
/// followed by its output line, the raw string: that line is the query.
public struct StringsReplRenderer: StringsRenderer {
  /// Creates the renderer.
  public init() {}

  public func render(_ trace: StringsTrace, into text: inout [UInt8]) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    spans.reserveCapacity(trace.reveals.count)
    StringsStatement.forEach(in: trace) { statement, reveal in
      statement.append(prefix: ">>> ", to: &text)
      guard let reveal else { return }
      let start = text.count
      text.append(contentsOf: reveal.value)
      spans.append(start..<text.count)
      text.append(0x0A)
    }
    return spans
  }
}
