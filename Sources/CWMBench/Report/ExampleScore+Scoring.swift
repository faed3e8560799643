import Foundation

extension ExampleScore {
  /// Scores a model's answers against the example they answer (see `ReportMetric` for definitions).
  ///
  /// Only as many queries as both sides have are scored; the caller reports a mismatch.
  public init(example: TaskExample, results: [QueryResult]) {
    let count = min(example.queries.count, results.count)
    var correct = 0
    var bayesCorrect = 0
    var nll: Double? = 0
    var bayesNLL: Double? = 0
    var tv: Double? = 0
    for index in 0..<count {
      let query = example.queries[index]
      let result = results[index]
      if result.correct { correct += 1 }
      let answerIndex = query.candidates?.firstIndex(of: query.answer)
      if let bayes = query.probs, let answerIndex, answerIndex < bayes.count {
        if ExampleScore.argmax(bayes) == answerIndex { bayesCorrect += 1 }
        bayesNLL = bayesNLL.map { $0 - log(bayes[answerIndex]) }
      } else {
        bayesNLL = nil
      }
      if let logprob = result.logprob {
        nll = nll.map { $0 - logprob }
      } else if let probs = result.probs, let answerIndex, answerIndex < probs.count {
        nll = nll.map { $0 - log(probs[answerIndex]) }
      } else {
        nll = nil
      }
      if let probs = result.probs, let bayes = query.probs, probs.count == bayes.count {
        var distance = 0.0
        for (p, q) in zip(probs, bayes) { distance += abs(p - q) }
        tv = tv.map { $0 + distance / 2 }
      } else {
        tv = nil
      }
    }
    if count == 0 { (nll, bayesNLL, tv) = (nil, nil, nil) }
    self.init(
      queries: count, correct: correct, lastCorrect: count > 0 && results[count - 1].correct,
      bayesCorrect: bayesCorrect, nll: nll, bayesNLL: bayesNLL, tv: tv)
  }

  /// The index of the largest value, the first one on ties.
  static func argmax(_ values: [Double]) -> Int {
    var best = 0
    for index in values.indices.dropFirst() where values[index] > values[best] { best = index }
    return best
  }
}
