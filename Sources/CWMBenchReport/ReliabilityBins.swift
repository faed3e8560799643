import CWMBenchCore
import CWMBenchFormats

/// Calibration points pooled per equal-width bin of the model's confidence: what `ece` and the
/// reliability plot are computed from.
public struct ReliabilityBins: Sendable, Hashable {
  /// Points per bin.
  public private(set) var counts = Array(repeating: 0, count: CalibrationPoint.bins)
  /// Σ confidence per bin.
  public private(set) var confidence = Array(repeating: 0.0, count: CalibrationPoint.bins)
  /// Σ posterior probability of the predicted candidate per bin.
  public private(set) var posterior = Array(repeating: 0.0, count: CalibrationPoint.bins)
  /// Σ (confidence − posterior) per bin, summed point by point.
  public private(set) var gap = Array(repeating: 0.0, count: CalibrationPoint.bins)
  /// Points whose prediction was the answer, per bin.
  public private(set) var hits = Array(repeating: 0, count: CalibrationPoint.bins)

  /// Creates empty bins.
  public init() {}

  /// The number of points.
  public var total: Int { counts.reduce(0, +) }

  /// Adds one point to its bin.
  public mutating func add(_ point: CalibrationPoint) {
    let bin = point.bin
    counts[bin] += 1
    confidence[bin] += point.confidence
    posterior[bin] += point.posterior
    gap[bin] += point.confidence - point.posterior
    if point.hit { hits[bin] += 1 }
  }

  /// Adds every point of `other`.
  public mutating func merge(_ other: ReliabilityBins) {
    for bin in 0..<CalibrationPoint.bins {
      counts[bin] += other.counts[bin]
      confidence[bin] += other.confidence[bin]
      posterior[bin] += other.posterior[bin]
      gap[bin] += other.gap[bin]
      hits[bin] += other.hits[bin]
    }
  }

  /// Σ_b (n_b / N) · |mean confidence_b − mean posterior_b| = Σ_b |Σ gap_b| / N; nil without points.
  public var ece: Double? {
    let total = total
    guard total > 0 else { return nil }
    return gap.reduce(0) { $0 + abs($1) } / Double(total)
  }
}
