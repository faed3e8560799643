import CWMBenchCore
import CWMBenchFormats

/// Turns seeds into finished `strings` examples for one cell: sample a trace, render it, attach queries.
public struct StringsExampleFactory: ExampleSource, Sendable {
  /// The cell.
  public let params: CellParameters
  private let generator: StringsTraceGenerator
  private let renderer: any StringsRenderer

  /// Creates a factory for validated `strings` parameters.
  public init(params: CellParameters) {
    self.params = params
    self.generator = StringsTraceGenerator(params: params)
    self.renderer = params.render.stringsRenderer
  }

  /// The example with index `index`, drawn from `seed`; its id is the cell's key and the index.
  public func example(index: Int, seed: UInt64) -> TaskExample {
    example(from: generator.trace(seed: seed), id: params.key + "/" + String(index))
  }

  /// Renders an already sampled trace as an example.
  ///
  /// Queries are free-form: no `candidates`, no `probs`; each records the printed variable,
  /// its value (`values`) and `since_word`.
  public func example(from trace: StringsTrace, id: String) -> TaskExample {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(64 + trace.edits.count * 32 + trace.reveals.count * 24)
    let spans = renderer.render(trace, into: &bytes)
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
}
