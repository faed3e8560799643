import CWMBenchCore
import CWMBenchFormats

/// One model's accuracy over the queries that carry `since_word` (`strings`) of one kind: one
/// spacing, copies or changed answers, one start, and one value of the x axis.
///
/// The x axis is `since_word` (characters edited since the value was last a word, or since a
/// random start) or the answer's token count (the results' optional `tokens`). Both are capped at
/// `cap`, which stands for "`cap` or more".
public struct SinceWordAccuracy: Sendable, Hashable {
  /// What the x value counts.
  public enum Axis: String, Sendable, Hashable, CaseIterable {
    /// The query's `since_word`.
    case sinceWord = "since_word"
    /// The answer's token count, from the results.
    case tokens
  }

  /// Values at or above this are pooled at it.
  public static let cap = 10

  /// What `x` counts.
  public var axis: Axis
  /// The cell's spacing.
  public var spacing: Spacing
  /// Whether the answers repeat what the variable last showed (its start or its previous reveal).
  public var copy: Bool
  /// The cell's `start` (`word` or `random`).
  public var start: String
  /// The x value, at most `cap`.
  public var x: Int
  /// Queries with these values.
  public var queries: Int
  /// Of those, answered correctly.
  public var correct: Int

  /// Creates a point.
  public init(axis: Axis, spacing: Spacing, copy: Bool, start: String, x: Int, queries: Int, correct: Int) {
    self.axis = axis
    self.spacing = spacing
    self.copy = copy
    self.start = start
    self.x = x
    self.queries = queries
    self.correct = correct
  }

  /// The accuracy.
  public var accuracy: Double { queries == 0 ? 0 : Double(correct) / Double(queries) }

  /// The Wilson 95% interval over queries (queries of one trace are not independent, so it is
  /// narrower than an example bootstrap).
  public var interval: ConfidenceInterval { ReportStatistics.wilson(successes: correct, trials: queries) }
}

/// Counts the queries with `since_word` by axis, spacing, copy, start and x while results are read.
struct SinceWordTally {
  private struct Key: Hashable {
    var axis: SinceWordAccuracy.Axis
    var spacing: Spacing
    var copy: Bool
    var start: String
    var x: Int
  }

  private var counts: [Key: (queries: Int, correct: Int)] = [:]

  /// Adds one example's scored queries with its columns; a query without `since_word` is skipped.
  ///
  /// - Complexity: O(queries), two dictionary updates each.
  mutating func add(
    _ results: ArraySlice<QueryResult>, columns: (sinceWords: ArraySlice<Int32>, copies: ArraySlice<Bool>),
    spacing: Spacing, start: String
  ) {
    for (offset, result) in results.enumerated() where offset < columns.sinceWords.count {
      let since = Int(columns.sinceWords[columns.sinceWords.startIndex + offset])
      guard since >= 0 else { continue }
      let copy = columns.copies[columns.copies.startIndex + offset]
      bump(Key(axis: .sinceWord, spacing: spacing, copy: copy, start: start, x: since), result.correct)
      if let tokens = result.tokens, tokens >= 0 {
        bump(Key(axis: .tokens, spacing: spacing, copy: copy, start: start, x: tokens), result.correct)
      }
    }
  }

  private mutating func bump(_ key: Key, _ correct: Bool) {
    var key = key
    key.x = min(key.x, SinceWordAccuracy.cap)
    var entry = counts[key] ?? (0, 0)
    entry.queries += 1
    if correct { entry.correct += 1 }
    counts[key] = entry
  }

  /// The points in a fixed order (axis, spacing, changed before copy, `word` before other starts,
  /// x), never the dictionary's.
  var points: [SinceWordAccuracy] {
    counts.map { key, entry in
      SinceWordAccuracy(
        axis: key.axis, spacing: key.spacing, copy: key.copy, start: key.start, x: key.x, queries: entry.queries,
        correct: entry.correct)
    }
    .sorted { a, b in
      let axes = SinceWordAccuracy.Axis.allCases
      if a.axis != b.axis { return axes.firstIndex(of: a.axis)! < axes.firstIndex(of: b.axis)! }
      if a.spacing != b.spacing { return a.spacing < b.spacing }
      if a.copy != b.copy { return !a.copy }
      if a.start != b.start {  // `word` first, then the others by name
        if (a.start == "word") != (b.start == "word") { return a.start == "word" }
        return a.start.utf8.lexicographicallyPrecedes(b.start.utf8)
      }
      return a.x < b.x
    }
  }
}
