import CWMBenchCore
import CWMBenchFormats

/// One model's accuracy over the queries of one family whose answer the model's tokenizer split
/// into `tokens` tokens (the optional `tokens` of score answers).
public struct TokenAccuracy: Sendable, Hashable {
  /// The family of the queries, by name.
  public var family: String
  /// The answer's token count.
  public var tokens: Int
  /// Queries with that count.
  public var queries: Int
  /// Of those, answered correctly.
  public var correct: Int

  /// Creates a point.
  public init(family: String, tokens: Int, queries: Int, correct: Int) {
    self.family = family
    self.tokens = tokens
    self.queries = queries
    self.correct = correct
  }

  /// The accuracy.
  public var accuracy: Double { queries == 0 ? 0 : Double(correct) / Double(queries) }

  /// The Wilson 95% interval over queries, which treats the queries as independent (queries of
  /// one trace are not, so it is narrower than the example bootstrap the other plots use).
  public var interval: ConfidenceInterval { ReportStatistics.wilson(successes: correct, trials: queries) }
}

/// Counts queries by family and token count while results are read: a few integers per count seen.
struct TokenTally {
  /// Family name → tokens → (queries, correct).
  private var counts: [String: [Int: (queries: Int, correct: Int)]] = [:]

  /// Adds the queries that carry a token count.
  mutating func add(_ results: ArraySlice<QueryResult>, family: String) {
    for result in results {
      guard let tokens = result.tokens, tokens >= 0 else { continue }
      var entry = counts[family, default: [:]][tokens] ?? (0, 0)
      entry.queries += 1
      if result.correct { entry.correct += 1 }
      counts[family, default: [:]][tokens] = entry
    }
  }

  /// The points, by family name then token count (never the dictionary's order).
  var points: [TokenAccuracy] {
    counts.keys.sorted().flatMap { family in
      let byTokens = counts[family]!
      return byTokens.keys.sorted().map { tokens in
        let entry = byTokens[tokens]!
        return TokenAccuracy(family: family, tokens: tokens, queries: entry.queries, correct: entry.correct)
      }
    }
  }
}
