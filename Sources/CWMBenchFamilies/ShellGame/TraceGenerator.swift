import CWMBenchCore
import CWMBenchFormats

/// Samples traces for one cell: initial values, actions, reveals and (for `pfsa`) Bayes posteriors.
public struct TraceGenerator: Sendable {
  /// The cell; validated by the caller.
  public let params: CellParameters
  /// The cell's shell-game parameters, read on every action.
  private let game: ShellGameParameters
  private let sampler: ActionSampler

  /// Creates a generator for validated parameters.
  public init(params: CellParameters) {
    self.params = params
    self.game = params.shellGame
    self.sampler = ActionSampler(group: game.group, kind: game.actions)
  }

  /// The trace drawn from `seed`.
  ///
  /// Draw order is part of the file format's reproducibility: initial values, then per action
  /// the hidden coin (pfsa only), the action, and the revealed variable (reveal one).
  public func trace(seed: UInt64) -> Trace {
    var rng = Xoshiro256(seed: seed)
    let n = game.n
    let initialValues = drawInitialValues(using: &rng)
    let sortedValues = initialValues.sorted()
    // valueRankOfOrigin[o]: position of initial variable o's value among the sorted values.
    let valueRankOfOrigin = initialValues.map { value in sortedValues.firstIndex(of: value)! }

    var filter = game.isPFSA ? BeliefFilter(n: n) : nil
    var origins = Array(0..<n)
    var steps: [Trace.Step] = []
    steps.reserveCapacity(game.length)
    var lastReveal = 0

    for step in 1...game.length {
      let isHidden = game.isPFSA && rng.unitInterval() < game.hidden
      let action =
        isHidden
        ? sampler.hidden(choices: game.choices, using: &rng)
        : sampler.observed(using: &rng)
      action.apply(to: &origins)
      filter?.apply(action)

      var reveal: Trace.Reveal?
      if game.spacing.revealsAfter(step: step, length: game.length) {
        var probs: [Double]?
        let variable: Int?
        let values: [Int]
        switch game.reveal {
        case .one:
          let v = rng.uniform(below: n)
          variable = v
          values = [initialValues[origins[v]]]
          if var belief = filter {
            let byOrigin = belief.predict(variable: v)
            var byValue = [Double](repeating: 0, count: n)
            for origin in 0..<n { byValue[valueRankOfOrigin[origin]] = byOrigin[origin] }
            probs = byValue
            belief.condition(variable: v, origin: origins[v])
            filter = belief
          }
        case .all:
          variable = nil
          values = origins.map { initialValues[$0] }
          if var belief = filter {
            probs = belief.predictAll(count: Int(factorial(n))) { key in
              var ranks = [Int](repeating: 0, count: n)
              for variable in 0..<n {
                ranks[variable] = valueRankOfOrigin[BeliefFilter.origin(of: variable, in: key)]
              }
              return Permutation.rank(ranks)
            }
            belief.condition(state: BeliefFilter.key(of: origins))
            filter = belief
          }
        }
        reveal = Trace.Reveal(
          variable: variable, values: values, step: step, sinceReveal: step - lastReveal, probs: probs)
        lastReveal = step
      }
      steps.append(Trace.Step(action: action, reveal: reveal))
    }
    return Trace(params: params, initialValues: initialValues, steps: steps)
  }

  /// n distinct values drawn uniformly from 1…max_value, assigned to a, b, c, … in draw order.
  private func drawInitialValues(using rng: inout Xoshiro256) -> [Int] {
    var values: [Int] = []
    values.reserveCapacity(game.n)
    while values.count < game.n {
      let value = rng.uniform(in: 1...game.maxValue)
      if !values.contains(value) { values.append(value) }
    }
    return values
  }
}
