import CWMBenchCore
import CWMBenchFormats

/// Writes a sampled `strings` trace as text: the family's seam between a trace and its formats.
public protocol StringsRenderer: Sendable {
  /// Appends the trace's text to `text` and returns the span of every reveal's answer, in order.
  ///
  /// Each span holds `RenderKind.stringAnswer(variable:value:)` of its reveal.
  func render(_ trace: StringsTrace, into text: inout [UInt8]) -> [Range<Int>]
}

extension RenderKind {
  /// The `strings` renderer for this format.
  public var stringsRenderer: any StringsRenderer {
    switch self {
    case .repl: return StringsReplRenderer()
    case .cwm: return StringsCWMRenderer()
    case .nl: return StringsNaturalLanguageRenderer()
    }
  }
}
