import CWMBenchCore
import CWMBenchFormats

/// How an action is drawn and written (docs/task-file.md, `params`).
public enum ActionKind: String, Sendable, Hashable, CaseIterable {
  /// A transposition of two distinct variables (S_n only).
  case swap
  /// A 3-cycle of three distinct variables, in either direction.
  case cycle3
  /// A rotation of all variables by r ∈ 1…n−1.
  case rotate
  /// A uniform element of the whole group, identity included.
  case tuple
}
