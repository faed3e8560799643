import CWMBenchCore
import CWMBenchFormats

/// A two-sided interval around an estimate.
public struct ConfidenceInterval: Sendable, Hashable {
  /// The lower bound.
  public var low: Double
  /// The upper bound.
  public var high: Double

  /// Creates an interval.
  public init(low: Double, high: Double) {
    self.low = low
    self.high = high
  }

  /// Whether `value` lies inside the interval, bounds included.
  public func contains(_ value: Double) -> Bool { low <= value && value <= high }
}
