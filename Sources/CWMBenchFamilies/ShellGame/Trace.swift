import CWMBenchCore
import CWMBenchFormats

/// A sampled trace before rendering: initial values, actions, and the reveals between them.
///
/// Renderers turn a `Trace` into text; the report replays it to show the true state after
/// every action. It is fully determined by its parameters and seed.
public struct Trace: Sendable, Hashable {
  /// The cell the trace was drawn from.
  public var params: CellParameters
  /// The value each variable holds before the first action.
  public var initialValues: [Int]
  /// The actions in order, each with the reveal that follows it, if any.
  public var steps: [Step]

  /// One action and the reveal after it.
  public struct Step: Sendable, Hashable {
    /// The statement executed.
    public var action: TraceAction
    /// The reveal printed right after the action, or nil.
    public var reveal: Reveal?
  }

  /// A `print` that shows one or every variable.
  public struct Reveal: Sendable, Hashable {
    /// The variable printed for `reveal: one`; nil when every variable is printed.
    public var variable: Int?
    /// The values printed, in print order.
    public var values: [Int]
    /// Actions executed before the reveal.
    public var step: Int
    /// Actions since the previous reveal or the initial assignments.
    public var sinceReveal: Int
    /// The Bayes-optimal probability of each candidate (`pfsa` only), in candidate order.
    public var probs: [Double]?
  }

  /// The state (value held by each variable) before the first action and after each one.
  public func states() -> [[Int]] {
    var state = initialValues
    var result = [state]
    result.reserveCapacity(steps.count + 1)
    for step in steps {
      step.action.apply(to: &state)
      result.append(state)
    }
    return result
  }

  /// The initial values in ascending order: the order of `reveal: one` candidates.
  public var sortedValues: [Int] { initialValues.sorted() }
}
