import CWMBenchCore
import CWMBenchFormats
import Foundation

/// What scoring needs from a task example, without its text: kept per example while reading results.
///
/// For `perm` that is a query count; for `pfsa` it adds each query's answer index and Bayes
/// posterior (needed for `tv` and choice-mode `nll`), and the Bayes predictor's per-example sums.
public struct ExampleTruth: Sendable, Hashable {
  /// The number of queries.
  public var queryCount: Int
  /// Each query's answer index in its candidates (−1 when absent); empty for `perm`.
  public var answerIndices: [Int32]
  /// Each query's Bayes posterior; empty for `perm`.
  public var bayes: [[Double]]
  /// Queries the Bayes-optimal predictor gets right.
  public var bayesCorrect: Int
  /// Σ −log p_bayes(answer), or nil when some query has no posterior.
  public var bayesNLL: Double?
  /// Each query's `copy`, or nil when some query has none (files of cwmbench 0.1.0).
  public var copies: [Bool]?

  /// Extracts the truth of `example`.
  public init(example: TaskExample) {
    queryCount = example.queries.count
    let flags = example.queries.compactMap(\.copy)
    copies = flags.count == queryCount ? flags : nil
    guard example.family.hasPosteriors else {
      (answerIndices, bayes, bayesCorrect, bayesNLL) = ([], [], 0, nil)
      return
    }
    var indices: [Int32] = []
    var posteriors: [[Double]] = []
    var correct = 0
    var nll: Double? = 0
    for query in example.queries {
      let index = query.candidates?.firstIndex(of: query.answer) ?? -1
      indices.append(Int32(index))
      let probs = query.probs ?? []
      posteriors.append(probs)
      if index >= 0, index < probs.count {
        if ExampleScore.argmax(probs) == index { correct += 1 }
        nll = nll.map { $0 - Foundation.log(probs[index]) }
      } else {
        nll = nil
      }
    }
    (answerIndices, bayes, bayesCorrect, bayesNLL) = (indices, posteriors, correct, queryCount > 0 ? nll : nil)
  }
}
