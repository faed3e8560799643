import CWMBenchCore

/// The kind of tracking task: what the state is and how it moves.
public enum Family: String, Sendable, Hashable, CaseIterable {
  /// Every action is observed; a perfect tracker answers every query.
  case perm
  /// Some actions are hidden `random.choice` calls; the best answer is a Bayes posterior.
  case pfsa
  /// String variables under character-level edits: the tokenization-discontinuity probe.
  case strings
  /// Real Python programs traced by CPython, in Code World Model's trace format.
  case programs

  /// Whether the state is a permutation of integers (the shell game: `perm`, `pfsa`).
  public var isShellGame: Bool { self == .perm || self == .pfsa }
}
