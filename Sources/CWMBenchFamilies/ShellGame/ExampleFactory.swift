import CWMBenchCore
import CWMBenchFormats

/// Turns seeds into finished examples for one cell: sample a trace, render it, attach queries.
public struct ExampleFactory: ExampleSource, Sendable {
  /// The cell.
  public let params: CellParameters
  private let generator: TraceGenerator
  private let renderer: any TraceRenderer
  /// Every arrangement of n positions in lexicographic order (`reveal: all`, n ≤ 6 only).
  private let arrangements: [[Int]]?

  /// Creates a factory for validated parameters.
  public init(params: CellParameters) {
    self.params = params
    self.generator = TraceGenerator(params: params)
    self.renderer = params.render.renderer
    let listsAll = params.shellGame.reveal == .all && params.n <= ShellGameParameters.maximumAllCandidatesSize
    self.arrangements = listsAll ? Permutation.all(count: params.n) : nil
  }

  /// The example with index `index`, drawn from `seed`.
  public func example(index: Int, seed: UInt64) -> TaskExample {
    let trace = generator.trace(seed: seed)
    return example(from: trace, id: params.key + "/" + String(index))
  }

  /// Renders an already sampled trace as an example.
  public func example(from trace: Trace, id: String) -> TaskExample {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(64 + trace.steps.count * 24)
    let spans = renderer.render(trace, into: &bytes)
    let sortedValues = trace.sortedValues
    var queries: [TaskQuery] = []
    queries.reserveCapacity(spans.count)
    var spanIterator = spans.makeIterator()
    // A variable's candidates are the same at every reveal of it: build each list once.
    var candidatesByVariable = [[String]?](repeating: nil, count: params.n)
    for step in trace.steps {
      guard let reveal = step.reveal, let span = spanIterator.next() else { continue }
      let candidates: [String]?
      if let variable = reveal.variable {
        if candidatesByVariable[variable] == nil {
          candidatesByVariable[variable] = sortedValues.map { renderer.answer(variable: variable, values: [$0]) }
        }
        candidates = candidatesByVariable[variable]
      } else if let arrangements {
        candidates = arrangements.map { order in
          renderer.answer(variable: nil, values: order.map { sortedValues[$0] })
        }
      } else {
        candidates = nil
      }
      queries.append(
        TaskQuery(
          start: span.lowerBound, end: span.upperBound,
          answer: String(decoding: bytes[span], as: UTF8.self),
          step: reveal.step, sinceReveal: reveal.sinceReveal,
          candidates: candidates, probs: reveal.probs, variable: reveal.variable, values: reveal.values))
    }
    return TaskExample(
      id: id, params: params, text: String(decoding: bytes, as: UTF8.self), queries: queries,
      initialValues: trace.initialValues)
  }
}
