import CWMBenchCore
import CWMBenchFormats

/// One model's accuracy over the queries of one family whose answer the model's tokenizer split
/// into `tokens` tokens (the optional `tokens` of score answers).
public struct TokenAccuracy: Sendable, Hashable {
  /// The family of the queries.
  public var family: Family
  /// The answer's token count.
  public var tokens: Int
  /// Queries with that count.
  public var queries: Int
  /// Of those, answered correctly.
  public var correct: Int

  /// Creates a point.
  public init(family: Family, tokens: Int, queries: Int, correct: Int) {
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
  /// (family, tokens) → (queries, correct).
  private var counts: [Int: (queries: Int, correct: Int)] = [:]

  /// Adds the queries that carry a token count.
  mutating func add(_ results: ArraySlice<QueryResult>, family: Family) {
    let familyIndex = Family.allCases.firstIndex(of: family)!
    for result in results {
      guard let tokens = result.tokens, tokens >= 0, tokens < 1 << 40 else { continue }
      let key = familyIndex << 40 | tokens
      var entry = counts[key] ?? (0, 0)
      entry.queries += 1
      if result.correct { entry.correct += 1 }
      counts[key] = entry
    }
  }

  /// The points, by family order then token count (never the dictionary's order).
  var points: [TokenAccuracy] {
    counts.keys.sorted().map { key in
      let entry = counts[key]!
      return TokenAccuracy(
        family: Family.allCases[key >> 40], tokens: key & (1 << 40 - 1), queries: entry.queries,
        correct: entry.correct)
    }
  }
}
