import CWMBenchCore

/// The kind of tracking task: fully observed permutations or PFSA-SR belief tracking.
public enum Family: String, Sendable, Hashable, CaseIterable {
  /// Every action is observed; a perfect tracker answers every query.
  case perm
  /// Some actions are hidden `random.choice` calls; the best answer is a Bayes posterior.
  case pfsa
}
