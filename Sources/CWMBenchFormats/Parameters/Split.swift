import CWMBenchCore

/// Which split a suite is generated for; the two draw from disjoint seeds.
public enum Split: String, Sendable, Hashable, CaseIterable {
  /// Evaluation examples.
  case test
  /// Training examples, from the spec's `train` block.
  case train
}
