import CWMBenchCore
import CWMBenchFormats

/// A sampled `strings` trace before rendering: initial words, edits, and the reveals between them.
///
/// Renderers turn it into text; it is fully determined by its parameters and seed.
public struct StringsTrace: Sendable, Hashable {
  /// The cell the trace was drawn from.
  public var params: CellParameters
  /// The word each variable holds before the first edit (`a` first), ASCII letters.
  public var initial: [[UInt8]]
  /// The edits in order; edit `i` is step `i + 1`.
  public var edits: [StringEdit]
  /// The reveals in step order; at most one per step.
  public var reveals: [Reveal]

  /// A `print` of one variable after an edit.
  public struct Reveal: Sendable, Hashable {
    /// The variable printed.
    public var variable: Int
    /// Edits executed before the reveal.
    public var step: Int
    /// Edits since the previous reveal or the initial assignments.
    public var sinceReveal: Int
    /// Characters edited since the printed value last was a word of the list, or since the start
    /// when it never was one (`start: random`); 0 while it is a word or untouched.
    public var sinceWord: Int
    /// The string printed.
    public var value: [UInt8]
  }

  /// Calls `body` for every step (1-based) with its edit and the reveal after it, if any.
  @inline(__always)
  func forEachStep(_ body: (Int, StringEdit, Reveal?) -> Void) {
    var next = 0
    for (index, edit) in edits.enumerated() {
      let step = index + 1
      if next < reveals.count, reveals[next].step == step {
        body(step, edit, reveals[next])
        next += 1
      } else {
        body(step, edit, nil)
      }
    }
  }

  /// The strings every variable holds before the first edit and after each one.
  public func states() -> [[[UInt8]]] {
    var state = initial
    var result = [state]
    result.reserveCapacity(edits.count + 1)
    for edit in edits {
      edit.apply(to: &state)
      result.append(state)
    }
    return result
  }
}
