import CWMBenchCore
import CWMBenchFormats

/// Turns seeds into finished `strings` examples for one cell: sample a trace, render it, attach queries.
public struct StringsExampleFactory: ExampleSource, Sendable {
  /// The cell.
  public let params: CellParameters
  private let generator: StringsTraceGenerator
  private let renderer: any StringsRenderer

  /// How many traces a `final` example draws at most while its answer can be read off the text
  /// before it; the last one is kept whatever it holds (see `example(index:seed:)`).
  public static let maximumFinalDraws = 64

  /// Creates a factory for validated `strings` parameters.
  public init(params: CellParameters) {
    self.params = params
    self.generator = StringsTraceGenerator(params: params)
    self.renderer = params.render.stringsRenderer
  }

  /// The example with index `index`, drawn from `seed`; its id is the cell's key and the index.
  ///
  /// At spacing `final` the one query must test the state: a trace whose printed value appears
  /// verbatim in the text before the answer (a value back at its initial string, a substring of
  /// an initial word after deletions, a one-letter value) is dropped and the next one is drawn
  /// from the same generator, up to `maximumFinalDraws` traces.
  public func example(index: Int, seed: UInt64) -> TaskExample {
    let id = params.key + "/" + String(index)
    var rng = Xoshiro256(seed: seed)
    guard params.spacing == .final else { return example(from: generator.trace(using: &rng), id: id) }
    var draws = 1
    while true {
      let trace = generator.trace(using: &rng)
      let (bytes, spans) = render(trace)
      if draws == Self.maximumFinalDraws || !spans.contains(where: { Self.appearsBefore($0, in: bytes) }) {
        return example(from: trace, bytes: bytes, spans: spans, id: id)
      }
      draws += 1
    }
  }

  /// Renders an already sampled trace as an example.
  ///
  /// Queries are free-form: no `candidates`, no `probs`; each records the printed variable,
  /// its value (`values`) and `since_word`.
  public func example(from trace: StringsTrace, id: String) -> TaskExample {
    let (bytes, spans) = render(trace)
    return example(from: trace, bytes: bytes, spans: spans, id: id)
  }

  private func render(_ trace: StringsTrace) -> (bytes: [UInt8], spans: [Range<Int>]) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(64 + trace.edits.count * 32 + trace.reveals.count * 24)
    let spans = renderer.render(trace, into: &bytes)
    return (bytes, spans)
  }

  private func example(from trace: StringsTrace, bytes: [UInt8], spans: [Range<Int>], id: String) -> TaskExample {
    var queries: [TaskQuery] = []
    queries.reserveCapacity(spans.count)
    for (reveal, span) in zip(trace.reveals, spans) {
      queries.append(
        TaskQuery(
          start: span.lowerBound, end: span.upperBound, answer: String(decoding: bytes[span], as: UTF8.self),
          step: reveal.step, sinceReveal: reveal.sinceReveal, candidates: nil, probs: nil,
          variable: reveal.variable, stringValues: [String(decoding: reveal.value, as: UTF8.self)],
          sinceWord: reveal.sinceWord))
    }
    return TaskExample(
      id: id, params: params, text: String(decoding: bytes, as: UTF8.self), queries: queries,
      initialStrings: trace.initial.map { String(decoding: $0, as: UTF8.self) })
  }

  /// Whether the bytes of `span` occur in `bytes` before the span starts.
  ///
  /// - Complexity: O(span start × span length) at worst; a first-byte scan in practice.
  static func appearsBefore(_ span: Range<Int>, in bytes: [UInt8]) -> Bool {
    let length = span.count
    guard length > 0, span.lowerBound >= length else { return length == 0 }
    let first = bytes[span.lowerBound]
    var start = 0
    while start + length <= span.lowerBound {
      if bytes[start] == first {
        var offset = 1
        while offset < length && bytes[start + offset] == bytes[span.lowerBound + offset] { offset += 1 }
        if offset == length { return true }
      }
      start += 1
    }
    return false
  }
}
