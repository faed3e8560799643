import CWMBenchCore
import CWMBenchFormats

/// One `pfsa` query's calibration: how sure the model was of its top candidate, how likely the
/// Bayes posterior holds that candidate, and whether it was the realised answer.
///
/// `ece` compares `confidence` with `posterior` per bin of `confidence`; the reliability plot
/// also shows `hit`, the realised accuracy (docs/summary-csv.md).
public struct CalibrationPoint: Sendable, Hashable {
  /// The number of equal-width confidence bins of `ece` and the reliability plot.
  public static let bins = 10

  /// The model's largest probability (its predicted candidate: the first on ties).
  public var confidence: Double
  /// The Bayes posterior's probability of that candidate.
  public var posterior: Double
  /// Whether that candidate is the answer.
  public var hit: Bool

  /// Creates a point.
  public init(confidence: Double, posterior: Double, hit: Bool) {
    self.confidence = confidence
    self.posterior = posterior
    self.hit = hit
  }

  /// The point's bin: ⌊10 · confidence⌋, with 1 in the last bin (confidence clamped to [0, 1]).
  public var bin: Int {
    let clamped = min(1, max(0, confidence.isNaN ? 0 : confidence))
    return min(CalibrationPoint.bins - 1, Int(clamped * Double(CalibrationPoint.bins)))
  }
}
