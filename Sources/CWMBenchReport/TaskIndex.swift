import CWMBenchCore
import CWMBenchFormats

/// One distinct task file as the report keeps it: per example a few numbers, never its text or id.
///
/// Examples are numbered by line order (their ordinal). Ids are kept as 64-bit hashes in an
/// open-addressing table (about 16–24 bytes per example with the cell and query count) instead of
/// a `String` per example in a dictionary; the ids themselves are read again at the end, only for
/// the few examples the report names. Two ids with the same hash make the caller re-read the file
/// in exact mode (`ExampleID` keys: bytes, like the hashes), so a collision costs time, never a wrong answer. `pfsa` truth
/// (answer indices, posteriors, Bayes sums) lives in flat columns that stay empty for `perm`.
struct TaskIndex {
  /// The task file.
  var path: String
  /// Each example's id hash, by ordinal.
  private(set) var hashes: [UInt64] = []
  /// Open addressing over `hashes`: an ordinal, or −1 for an empty slot.
  private var slots: [Int32] = []
  /// Exact id lookup, used instead of the hashes after a collision.
  private var exact: [ExampleID: Int]?
  /// Each example's cell number (into the report's `CellCatalog`).
  private(set) var cells: [Int32] = []
  /// Each example's query count.
  private(set) var queryCounts: [Int32] = []
  /// The no-tracking floor's counts of the file's cells.
  var floors = FloorTally()
  /// Each query's `since_word` and copy mark, for the `strings` plots.
  private(set) var sinceWord = SinceWordColumns()

  // `pfsa` columns, filled for every ordinal once the first `pfsa` example appears.
  private var hasPFSA = false
  private var bayesCorrect: [Int32] = []
  private var bayesNLL: [Double] = []
  private var hasBayesNLL: [Bool] = []
  private var firstQuery: [Int] = []
  private var answerIndices: [Int32] = []
  private var posteriorStarts: [Int] = [0]
  private var posteriors: [Double] = []

  // `copy` columns, filled for every ordinal once the first example with `copy` appears: where
  // its flags start in `copyBits` (one bit per query), `noCopies` when it has none (a file of
  // cwmbench 0.1.0). Four bytes and a bit per example rather than an `Int` and a `Bool` keep a
  // report of a million one-query lines within a few MB of what it used before `copy`.
  private static let noCopies = UInt32.max
  private var hasCopies = false
  private var firstCopy: [UInt32] = []
  private var copyCount = 0
  private var copyBits: [UInt64] = []

  /// Creates an empty index; `exact` keys ids by their text (after a hash collision).
  init(path: String, exact: Bool = false) {
    self.path = path
    if exact { self.exact = [:] }
  }

  /// The number of examples.
  var count: Int { cells.count }

  /// Whether ids are keyed by their text rather than hashes.
  var isExact: Bool { exact != nil }

  /// A well-mixed 64-bit hash of an id's UTF-8 bytes (stable within a process; never written out).
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
    var offset = 0
    while offset + 8 <= bytes.count {
      hash = SplitMix64.mix(hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      offset += 8
    }
    if offset < bytes.count {
      var tail: UInt64 = 0
      for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << UInt64(8 * (index - offset)) }
      hash = SplitMix64.mix(hash ^ tail)
    }
    return SplitMix64.mix(hash)
  }

  /// The hash of `id`'s UTF-8 bytes.
  static func hash(_ id: String) -> UInt64 {
    if let hash = id.utf8.withContiguousStorageIfAvailable({ TaskIndex.hash(UnsafeRawBufferPointer($0)) }) {
      return hash
    }
    return Array(id.utf8).withUnsafeBytes { TaskIndex.hash($0) }
  }

  /// Adds the next example; false (and nothing added) when its id, or in hash mode its id's hash, is already present.
  mutating func append(id: UnsafeRawBufferPointer, cell: Int, truth: TaskLineTruth) -> Bool {
    let hash = TaskIndex.hash(id)
    if exact != nil {
      let text = String(decoding: id, as: UTF8.self)
      guard exact?[ExampleID(text)] == nil else { return false }
      let ordinal = count
      exact?[ExampleID(text)] = ordinal
    } else {
      if (count + 1) * 2 > slots.count { grow() }
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 {
        if hashes[Int(slots[slot])] == hash { return false }
        slot = (slot + 1) & mask
      }
      slots[slot] = Int32(count)
    }
    if truth.isPFSA && !hasPFSA {
      hasPFSA = true
      bayesCorrect = Array(repeating: 0, count: count)
      bayesNLL = Array(repeating: 0, count: count)
      hasBayesNLL = Array(repeating: false, count: count)
      firstQuery = Array(repeating: 0, count: count)
    }
    if hasPFSA {
      bayesCorrect.append(Int32(truth.bayesCorrect))
      bayesNLL.append(truth.bayesNLL ?? 0)
      hasBayesNLL.append(truth.bayesNLL != nil)
      firstQuery.append(answerIndices.count)
      if truth.isPFSA {
        answerIndices.append(contentsOf: truth.answerIndices)
        let base = posteriors.count
        posteriors.append(contentsOf: truth.posteriors)
        for end in truth.posteriorStarts.dropFirst() { posteriorStarts.append(base + end) }
      }
    }
    if !truth.copiesMissing && !hasCopies {
      hasCopies = true
      firstCopy = Array(repeating: TaskIndex.noCopies, count: count)
    }
    if hasCopies {
      // Past four billion flags (a task file of hundreds of GB) later examples record none.
      if truth.copiesMissing || copyCount + truth.copies.count >= Int(TaskIndex.noCopies) {
        firstCopy.append(TaskIndex.noCopies)
      } else {
        firstCopy.append(UInt32(copyCount))
        for copy in truth.copies {
          if copyCount & 63 == 0 { copyBits.append(0) }
          if copy { copyBits[copyCount >> 6] |= 1 << UInt64(copyCount & 63) }
          copyCount += 1
        }
      }
    }
    sinceWord.append(truth, ordinal: count)
    hashes.append(hash)
    cells.append(Int32(cell))
    queryCounts.append(Int32(truth.queryCount))
    return true
  }

  /// The ordinal of the example with `id`, or nil when the file has none.
  func ordinal(of id: String) -> Int? {
    if let exact { return exact[ExampleID(id)] }
    guard !slots.isEmpty else { return nil }
    let hash = TaskIndex.hash(id)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] >= 0 {
      let ordinal = Int(slots[slot])
      if hashes[ordinal] == hash { return ordinal }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// Scores `results` against the example at `ordinal`, exactly as `ExampleScore(truth:hasPosteriors:results:)` would.
  func score(ordinal: Int, hasPosteriors: Bool, results: [QueryResult]) -> ExampleScore {
    let queryCount = Int(queryCounts[ordinal])
    let copyStart = hasCopies ? firstCopy[ordinal] : TaskIndex.noCopies
    let isCopy: (Int) -> Bool? = { [copyBits] index in
      guard copyStart != TaskIndex.noCopies, index < queryCount else { return nil }
      let bit = Int(copyStart) + index
      return copyBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
    guard hasPFSA, hasPosteriors else {
      return ExampleScore(
        queryCount: queryCount, bayesCorrect: 0, bayesNLL: nil, hasPosteriors: hasPosteriors, results: results,
        answerIndex: { _ in -1 }, bayes: { _ in [] }, isCopy: isCopy)
    }
    let first = firstQuery[ordinal]
    let queriesHere = ordinal + 1 < firstQuery.count ? firstQuery[ordinal + 1] - first : answerIndices.count - first
    return ExampleScore(
      queryCount: queryCount, bayesCorrect: Int(bayesCorrect[ordinal]),
      bayesNLL: hasBayesNLL[ordinal] ? bayesNLL[ordinal] : nil, hasPosteriors: hasPosteriors, results: results,
      answerIndex: { $0 < queriesHere ? Int(answerIndices[first + $0]) : -1 },
      bayes: { $0 < queriesHere ? posteriors[posteriorStarts[first + $0]..<posteriorStarts[first + $0 + 1]] : [] },
      isCopy: isCopy)
  }

  private mutating func grow() {
    let capacity = max(1024, slots.count * 2)
    slots = Array(repeating: -1, count: capacity)
    let mask = capacity - 1
    for (ordinal, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(ordinal)
    }
  }
}
