import CWMBenchCore
import CWMBenchFormats

/// Writes a sampled trace as text: the seam between what a trace is and how a model reads it.
public protocol TraceRenderer: Sendable {
  /// Appends the trace's text to `text` and returns the span of every reveal's answer, in order.
  func render(_ trace: Trace, into text: inout [UInt8]) -> [Range<Int>]

  /// The answer text a reveal shows: the same bytes `render` writes inside its span.
  ///
  /// Used to list candidates, so it must agree with `render` for every possible value.
  func answer(variable: Int?, values: [Int]) -> String
}

extension RenderKind {
  /// The renderer for this format.
  public var renderer: any TraceRenderer {
    switch self {
    case .repl: return ReplRenderer()
    case .cwm: return CWMRenderer()
    case .nl: return NaturalLanguageRenderer()
    }
  }
}

extension Array where Element == UInt8 {
  /// Appends ASCII text.
  @inlinable
  mutating func appendASCII(_ text: StaticString) {
    // Literals here are a few bytes long; a plain loop beats the bulk-copy call's setup.
    let start = text.utf8Start
    for offset in 0..<text.utf8CodeUnitCount { append(start[offset]) }
  }

  /// Appends the decimal digits of a non-negative integer without allocating a string.
  @inlinable
  mutating func appendDecimal(_ value: Int) {
    if value < 10 {
      append(UInt8(48 + value))
      return
    }
    var divisor = 10
    while divisor <= value / 10 { divisor *= 10 }
    var rest = value
    while divisor > 0 {
      append(UInt8(48 + rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }
}
