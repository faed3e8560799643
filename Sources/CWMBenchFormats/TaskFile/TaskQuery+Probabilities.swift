extension TaskQuery {
  /// How far the sum of `probs` may be from 1: far above the rounding of a sum of doubles
  /// (about 1e-16 per candidate), far below any real probability mass.
  public static let probabilitySumTolerance = 1e-6

  /// Why `probs` cannot be a Bayes posterior over the candidates, or nil when it can.
  ///
  /// Every entry is finite and in [0, 1]; they sum to 1 within `probabilitySumTolerance`; and
  /// the answer, which the generator drew, has a probability above 0. A file breaking any of
  /// these would have `report` print `excess_nll` as `-inf` or `nan`.
  ///
  /// - Complexity: O(candidates).
  public var probabilityProblem: String? {
    guard let probs else { return nil }
    if let bad = probs.firstIndex(where: { !$0.isFinite || $0 < 0 || $0 > 1 }) {
      return "expected probabilities in [0, 1], got '\(probs[bad])' at index \(bad)"
    }
    let sum = probs.reduce(0, +)
    guard abs(sum - 1) <= Self.probabilitySumTolerance else {
      return "expected probabilities summing to 1 (within \(Self.probabilitySumTolerance)), got a sum of '\(sum)'"
    }
    if let candidates, let index = candidates.firstIndex(of: answer), index < probs.count, probs[index] == 0 {
      return "the answer '\(answer.prefix(40))' has probability 0, yet it is what the trace shows"
    }
    return nil
  }
}
