import CWMBenchCore

/// How often the state is revealed: every `k` actions, or only after the last one.
public enum Spacing: Sendable, Hashable, Comparable {
  /// A reveal after action k, 2k, 3k, … and after the last action.
  case every(Int)
  /// A single reveal after the last action.
  case final

  /// The spacing as written in ids and CSV files: `8` or `final`.
  public var description: String {
    switch self {
    case .every(let k): return String(k)
    case .final: return "final"
    }
  }

  /// Whether a reveal follows action number `step` (1-based) of a trace of `length` actions.
  public func revealsAfter(step: Int, length: Int) -> Bool {
    switch self {
    case .every(let k): return step % k == 0 || step == length
    case .final: return step == length
    }
  }

  /// The spacing in actions, with `final` standing for the whole trace length.
  public func actions(forLength length: Int) -> Int {
    switch self {
    case .every(let k): return k
    case .final: return length
    }
  }

  public static func < (lhs: Spacing, rhs: Spacing) -> Bool {
    switch (lhs, rhs) {
    case (.every(let a), .every(let b)): return a < b
    case (.every, .final): return true
    case (.final, _): return false
    }
  }
}
