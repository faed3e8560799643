import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// Posteriors against brute-force enumeration of every hidden outcome (small cases).
@Suite(.offCooperativePool) struct BeliefFilterTests {
  /// Enumerates all outcome sequences of the hidden actions, keeps those consistent with
  /// every earlier reveal, and returns each reveal's predictive distribution over candidates.
  static func bruteForce(_ trace: Trace, candidates: [[String]], renderer: any TraceRenderer) -> [[Double]] {
    let hiddenSteps = trace.steps.indices.filter { trace.steps[$0].action.isHidden }
    var results: [[Double]] = []
    var revealIndex = 0
    for (stepIndex, step) in trace.steps.enumerated() {
      guard let reveal = step.reveal else { continue }
      let relevantHidden = hiddenSteps.filter { $0 <= stepIndex }
      var weights = [Double](repeating: 0, count: candidates[revealIndex].count)
      // Odometer over the outcomes of the hidden actions up to this reveal.
      var outcome = [Int](repeating: 0, count: relevantHidden.count)
      outer: while true {
        var probability = 1.0
        var state = trace.initialValues
        var consistent = true
        var priorReveal = 0
        for (index, s) in trace.steps.enumerated() where index <= stepIndex {
          let action = s.action
          if let h = relevantHidden.firstIndex(of: index) {
            action.apply(arrangement: outcome[h], to: &state)
            probability /= Double(action.arrangements.count)
          } else {
            action.apply(to: &state)
          }
          if let r = s.reveal, index < stepIndex {
            let shown = r.variable.map { [state[$0]] } ?? state
            if shown != r.values { consistent = false }
            priorReveal += 1
          }
        }
        if consistent {
          let shown = reveal.variable.map { [state[$0]] } ?? state
          let text = renderer.answer(variable: reveal.variable, values: shown)
          weights[candidates[revealIndex].firstIndex(of: text)!] += probability
        }
        var position = outcome.count - 1
        while position >= 0 {
          outcome[position] += 1
          if outcome[position] < trace.steps[relevantHidden[position]].action.arrangements.count { continue outer }
          outcome[position] = 0
          position -= 1
        }
        break
      }
      let total = weights.reduce(0, +)
      results.append(weights.map { $0 / total })
      revealIndex += 1
    }
    return results
  }

  static let cases: [(String, ActionKind, RevealKind, Int, Spacing)] = [
    ("S3", .swap, .one, 2, .every(2)), ("S4", .swap, .one, 2, .every(3)), ("S4", .cycle3, .one, 3, .every(2)),
    ("A4", .cycle3, .all, 2, .every(3)), ("S3", .tuple, .all, 6, .every(2)), ("Z5", .rotate, .one, 4, .every(2)),
    ("S4", .rotate, .all, 3, .final), ("S5", .swap, .one, 2, .every(1)), ("A5", .tuple, .one, 3, .every(4)),
  ]

  @Test(arguments: cases)
  func posteriorsMatchEnumeration(
    group: String, actions: ActionKind, reveal: RevealKind, choices: Int, spacing: Spacing
  ) throws {
    let params = CellParameters(
      family: .pfsa, group: try Group(parsing: group), length: 8, spacing: spacing, actions: actions,
      reveal: reveal, hidden: 0.5, choices: choices)
    try params.validate()
    let factory = ExampleFactory(params: params)
    let generator = TraceGenerator(params: params)
    var sawUncertainty = false
    for index in 0..<6 {
      let trace = generator.trace(seed: ExampleSeed.make(suiteSeed: 3, split: .test, cellKey: params.key, index: index))
      let example = factory.example(from: trace, id: "x")
      let expected = Self.bruteForce(
        trace, candidates: example.queries.map { $0.candidates! }, renderer: ReplRenderer())
      for (query, truth) in zip(example.queries, expected) {
        let probs = try #require(query.probs)
        #expect(probs.count == truth.count)
        for (p, q) in zip(probs, truth) { #expect(abs(p - q) < 1e-12) }
        if probs.contains(where: { $0 > 0 && $0 < 1 }) { sawUncertainty = true }
      }
    }
    // A case whose posteriors are all 0/1 would not test the filter at all.
    #expect(sawUncertainty)
  }

  @Test func observedTracesHavePointMassPosteriors() throws {
    let params = CellParameters(
      family: .pfsa, group: try Group(parsing: "S5"), length: 20, spacing: .every(3), hidden: 0)
    let example = ExampleFactory(params: params).example(index: 0, seed: 9)
    for query in example.queries {
      let probs = try #require(query.probs)
      let index = try #require(query.candidates?.firstIndex(of: query.answer))
      #expect(probs[index] == 1)
      #expect(probs.reduce(0, +) == 1)
    }
  }

  @Test func eightVariablesWithRevealOneStayExact() throws {
    let params = CellParameters(
      family: .pfsa, group: try Group(parsing: "S8"), length: 12, spacing: .every(6), actions: .swap, hidden: 0.5)
    try params.validate()
    let example = ExampleFactory(params: params).example(index: 0, seed: 5)
    for query in example.queries {
      let probs = try #require(query.probs)
      #expect(abs(probs.reduce(0, +) - 1) < 1e-12)
      #expect(probs[query.candidates!.firstIndex(of: query.answer)!] > 0)
    }
  }
}
