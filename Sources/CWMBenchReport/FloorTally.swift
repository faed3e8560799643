import CWMBenchCore
import CWMBenchFormats

/// The no-tracking floor's counts per cell: the `last-reveal` baseline's hits over the cell's queries.
///
/// The baseline's answers are the family's (`TaskFamily.lastRevealGuesses`), worked out from the
/// task line itself, so the floor needs no run of the baseline. A cell where some line does not
/// record the structure the baseline reads has no `last-reveal` floor (only chance).
struct FloorTally: Sendable {
  /// Queries `last-reveal` answers right, by cell number.
  private(set) var hits: [Int] = []
  /// Queries, by cell number.
  private(set) var queries: [Int] = []
  /// Cells with a line the baseline cannot read, by cell number.
  private(set) var unknown: [Bool] = []

  /// Adds one example of cell `cell`: its queries, and the ones `last-reveal` gets right.
  mutating func add(_ example: TaskExample, cell: Int) {
    grow(to: cell)
    guard let guesses = example.shapedLastRevealGuesses() else {
      unknown[cell] = true
      return
    }
    queries[cell] += example.queries.count
    for (guess, query) in zip(guesses, example.queries) where guess == query.answer { hits[cell] += 1 }
  }

  /// Adds one example whose every query records `copy`: `last-reveal` is right on exactly the
  /// copies (eval's check compared each with the family's answer on these bytes, and the report
  /// refuses a task file whose SHA-256 is not the run's), so no family call is needed.
  mutating func add(copies: [Bool], cell: Int) {
    grow(to: cell)
    queries[cell] += copies.count
    for copy in copies where copy { hits[cell] += 1 }
  }

  /// Adds another task file's counts.
  mutating func merge(_ other: FloorTally) {
    grow(to: other.hits.count - 1)
    for cell in other.hits.indices {
      hits[cell] += other.hits[cell]
      queries[cell] += other.queries[cell]
      unknown[cell] = unknown[cell] || other.unknown[cell]
    }
  }

  /// The `last-reveal` accuracy on cell `cell`, or nil when some line of it lacks the structure.
  func lastRevealAccuracy(of cell: Int) -> Double? {
    guard cell < hits.count, !unknown[cell], queries[cell] > 0 else { return nil }
    return Double(hits[cell]) / Double(queries[cell])
  }

  /// The floor of `cell`: the better of `last-reveal` and chance (`random`).
  func floor(of cell: Int, chance: Double) -> Double {
    max(chance, lastRevealAccuracy(of: cell) ?? 0)
  }

  private mutating func grow(to cell: Int) {
    guard cell >= hits.count else { return }
    let extra = cell + 1 - hits.count
    hits += Array(repeating: 0, count: extra)
    queries += Array(repeating: 0, count: extra)
    unknown += Array(repeating: false, count: extra)
  }
}
