import CWMBenchCore
import CWMBenchFormats

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
    if targets.count == 2 {
      // Swaps are the common case: no scratch space needed.
      let (first, second) = (state[sources[0]], state[sources[1]])
      state[targets[0]] = first
      state[targets[1]] = second
      return
    }
    withUnsafeTemporaryAllocation(of: Int.self, capacity: targets.count) { moved in
      for slot in sources.indices { moved[slot] = state[sources[slot]] }
      for slot in targets.indices { state[targets[slot]] = moved[slot] }
    }
  }

  /// Applies the executed arrangement to a state.
  @inlinable
  public func apply(to state: inout [Int]) {
    apply(arrangement: chosen, to: &state)
  }
}
