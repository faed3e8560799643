import CWMBenchCore
import CWMBenchFormats

/// Collects one example's `brier` sum and calibration points while its queries are scored.
///
/// Both need the model's whole distribution over the candidates (`probs`, choice mode) and the
/// query's Bayes posterior of the same length; one query without them leaves the example out
/// of both metrics, as `tv` does.
struct CalibrationSums {
  /// Σ over queries of Σ_c (p_model(c) − p_bayes(c))², or nil once a query lacked a distribution.
  private(set) var brier: Double? = 0
  /// One point per query, or nil once a query lacked a distribution.
  private(set) var points: [CalibrationPoint]? = []

  /// Creates empty sums with room for `capacity` queries.
  init(capacity: Int) { points?.reserveCapacity(capacity) }

  /// Adds one query: the model's `probs`, the posterior `bayes` and the answer's candidate index.
  mutating func add(probs: [Double]?, bayes: ArraySlice<Double>, answerIndex: Int) {
    guard brier != nil, let probs, !probs.isEmpty, probs.count == bayes.count else {
      (brier, points) = (nil, nil)
      return
    }
    var squares = 0.0
    for (p, q) in zip(probs, bayes) { squares += (p - q) * (p - q) }
    brier! += squares
    let top = ExampleScore.argmax(probs)
    points!.append(
      CalibrationPoint(confidence: probs[top], posterior: bayes[bayes.startIndex + top], hit: top == answerIndex))
  }
}
