import CWMBenchCore

/// Thrown when a family's generator failed for a reason outside the seed (a tracer that died);
/// nothing was left under the final names.
public struct GenerationFailure: Error, CustomStringConvertible {
  /// What went wrong, naming the example.
  public var reason: String
  public var description: String { reason }

  /// A failure saying `reason`.
  public init(reason: String) { self.reason = reason }
}
