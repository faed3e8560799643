/// The per-query columns of the `strings` plots in a task index: each query's `since_word` and
/// whether its answer is a copy of what its variable last showed.
///
/// Empty until the first line with `since_word`; from then on one entry per example (so a file
/// of the shell game alone costs nothing, and a mixed file a few bytes per query).
struct SinceWordColumns {
  private var active = false
  /// Per example from the first `since_word` line on: where its queries start in the columns.
  private var starts: [Int] = []
  private var sinceWords: [Int32] = []
  private var copies: [Bool] = []

  /// Adds example number `ordinal` (examples are added in order).
  mutating func append(_ truth: TaskLineTruth, ordinal: Int) {
    if truth.hasSinceWord && !active {
      active = true
      starts = Array(repeating: 0, count: ordinal)
    }
    guard active else { return }
    starts.append(sinceWords.count)
    guard truth.hasSinceWord else { return }
    sinceWords.append(contentsOf: truth.sinceWords)
    copies.append(contentsOf: truth.copyMarks())
  }

  /// The `since_word`s and copy marks of example `ordinal`'s queries, or nil when it has none.
  func queries(of ordinal: Int) -> (sinceWords: ArraySlice<Int32>, copies: ArraySlice<Bool>)? {
    guard active else { return nil }
    let first = starts[ordinal]
    let end = ordinal + 1 < starts.count ? starts[ordinal + 1] : sinceWords.count
    guard end > first else { return nil }
    return (sinceWords[first..<end], copies[first..<end])
  }
}
