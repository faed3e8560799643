import CWMBenchCore
import CWMBenchFormats
import Foundation

extension ExampleScore {
  /// Scores a model's answers against the example they answer (see `ReportMetric` for definitions).
  public init(example: TaskExample, results: [QueryResult]) {
    self.init(truth: ExampleTruth(example: example), hasPosteriors: example.family.hasPosteriors, results: results)
  }

  /// Scores a model's answers against an example's truth.
  ///
  /// Only as many queries as both sides have are scored; the caller reports a mismatch.
  public init(truth: ExampleTruth, hasPosteriors: Bool, results: [QueryResult]) {
    self.init(
      queryCount: truth.queryCount, bayesCorrect: truth.bayesCorrect, bayesNLL: truth.bayesNLL,
      hasPosteriors: hasPosteriors,
      results: results,
      answerIndex: { $0 < truth.answerIndices.count ? Int(truth.answerIndices[$0]) : -1 },
      bayes: { $0 < truth.bayes.count ? truth.bayes[$0][...] : [] },
      isCopy: { index in truth.copies.flatMap { index < $0.count ? $0[index] : nil } })
  }

  /// Scores against a truth held elsewhere (the report's flat columns), query by query.
  ///
  /// `answerIndex`, `bayes` and `isCopy` give query `i`'s answer index (−1 when absent),
  /// posterior and `copy` (nil when absent).
  init(
    queryCount: Int, bayesCorrect: Int, bayesNLL: Double?, hasPosteriors: Bool, results: [QueryResult],
    answerIndex: (Int) -> Int, bayes: (Int) -> ArraySlice<Double>, isCopy: (Int) -> Bool?
  ) {
    let count = min(queryCount, results.count)
    var correct = 0
    var changed: Int? = 0
    var changedCorrect = 0
    for index in 0..<count {
      let right = results[index].correct
      if right { correct += 1 }
      guard let copy = isCopy(index) else {
        changed = nil
        continue
      }
      if !copy {
        changed? += 1
        if right { changedCorrect += 1 }
      }
    }
    self.init(
      queries: count, correct: correct, lastCorrect: count > 0 && results[count - 1].correct,
      changedQueries: changed, changedCorrect: changed == nil ? 0 : changedCorrect)
    guard hasPosteriors, count > 0 else { return }
    // The Bayes sums cover every query of the example; only use them when all were answered.
    if count == queryCount {
      self.bayesCorrect = bayesCorrect
      self.bayesNLL = bayesNLL
    }
    var nll: Double? = 0
    var tv: Double? = 0
    for index in 0..<count {
      let result = results[index]
      let answerIndex = answerIndex(index)
      let bayes = bayes(index)
      if let logprob = result.logprob {
        nll = nll.map { $0 - logprob }
      } else if let probs = result.probs, answerIndex >= 0, answerIndex < probs.count {
        nll = nll.map { $0 - log(probs[answerIndex]) }
      } else {
        nll = nil
      }
      if let probs = result.probs, !bayes.isEmpty, probs.count == bayes.count {
        var distance = 0.0
        for (p, q) in zip(probs, bayes) { distance += abs(p - q) }
        tv = tv.map { $0 + distance / 2 }
      } else {
        tv = nil
      }
    }
    self.nll = nll
    self.tv = tv
  }

  /// The index of the largest value, the first one on ties.
  static func argmax<Values: RandomAccessCollection<Double>>(_ values: Values) -> Int where Values.Index == Int {
    var best = values.startIndex
    for index in values.indices.dropFirst() where values[index] > values[best] { best = index }
    return best - values.startIndex
  }
}
