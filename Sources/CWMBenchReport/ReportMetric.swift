import CWMBenchCore
import CWMBenchFormats

/// A metric of `summary.csv`, in the fixed order rows are written.
///
/// Definitions (all means are over the queries or examples actually answered):
/// - `accuracy`: mean correctness over all queries; 95% bootstrap interval over examples.
/// - `accuracy_changed`: mean correctness over the queries whose `copy` is false (the answer is
///   not what the thing last showed); Wilson interval over those queries. Absent when some
///   example has no `copy` (files of cwmbench 0.1.0) or no query changed.
/// - `final_accuracy`: fraction of examples whose last query is right; Wilson interval.
/// - `sequence_accuracy`: fraction of examples with every query right; Wilson interval.
/// - `bayes_accuracy` (`pfsa`): accuracy of the Bayes-optimal predictor (argmax of the query's
///   `probs`, first index on ties) on the same queries, a ceiling for comparison; bootstrap.
/// - `nll` (`pfsa`): mean over queries of −log p(answer) under the model (its `logprob`; in
///   choice mode −log of its probability of the answer); bootstrap.
/// - `excess_nll` (`pfsa`): `nll` minus the mean of −log(Bayes probability of the answer); bootstrap.
/// - `tv` (`pfsa`, when the model gave a distribution): mean over queries of
///   ½ Σ |p_model − p_bayes| over the candidates; bootstrap.
///
/// A metric whose inputs are absent (no logprobs, no distributions) is left out.
public enum ReportMetric: String, Sendable, Hashable, CaseIterable, Comparable {
  /// Mean query correctness.
  case accuracy
  /// Mean correctness on the queries that are not copies of the last reveal.
  case accuracyChanged = "accuracy_changed"
  /// Correctness of each example's last query.
  case finalAccuracy = "final_accuracy"
  /// Examples with every query right.
  case sequenceAccuracy = "sequence_accuracy"
  /// Accuracy of the Bayes-optimal predictor.
  case bayesAccuracy = "bayes_accuracy"
  /// Mean negative log-likelihood of the answers.
  case nll
  /// `nll` minus the Bayes-optimal nll.
  case excessNLL = "excess_nll"
  /// Total variation between the model's distribution and the Bayes posterior.
  case tv

  /// Whether the metric is a proportion, so its value and interval lie in [0, 1].
  public var isProportion: Bool {
    switch self {
    case .accuracy, .accuracyChanged, .finalAccuracy, .sequenceAccuracy, .bayesAccuracy, .tv: return true
    case .nll, .excessNLL: return false
    }
  }

  /// The metric's position in the fixed row order.
  public var order: Int { ReportMetric.allCases.firstIndex(of: self) ?? 0 }

  public static func < (lhs: ReportMetric, rhs: ReportMetric) -> Bool { lhs.order < rhs.order }
}
