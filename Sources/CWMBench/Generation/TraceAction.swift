/// One statement of a trace that moves values between variables.
///
/// An arrangement lists, for each target variable in order, the variable whose value it
/// receives: targets `[0, 2]` with arrangement `[2, 0]` is `a, c = c, a`.
public struct TraceAction: Sendable, Hashable {
  /// The variables on the left-hand side, ascending (alphabetical).
  public var targets: [Int]
  /// The arrangements written in the statement: one when observed, `choices` when hidden.
  public var arrangements: [[Int]]
  /// The index of the arrangement actually executed.
  public var chosen: Int

  /// Creates an action.
  public init(targets: [Int], arrangements: [[Int]], chosen: Int = 0) {
    self.targets = targets
    self.arrangements = arrangements
    self.chosen = chosen
  }

  /// Whether the statement is a `random.choice` between several arrangements.
  public var isHidden: Bool { arrangements.count > 1 }

  /// Applies arrangement `index` to a state (the value held by each variable).
  @inlinable
  public func apply(arrangement index: Int, to state: inout [Int]) {
    let sources = arrangements[index]
    var moved = [Int](repeating: 0, count: targets.count)
    for (slot, source) in sources.enumerated() { moved[slot] = state[source] }
    for (slot, target) in targets.enumerated() { state[target] = moved[slot] }
  }

  /// Applies the executed arrangement to a state.
  @inlinable
  public func apply(to state: inout [Int]) {
    apply(arrangement: chosen, to: &state)
  }
}
