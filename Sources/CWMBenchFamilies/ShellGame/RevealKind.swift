import CWMBenchCore
import CWMBenchFormats

/// How much of the state a `print` reveals.
public enum RevealKind: String, Sendable, Hashable, CaseIterable {
  /// One variable, chosen uniformly.
  case one
  /// Every variable, in alphabetical order.
  case all
}
