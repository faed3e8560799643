import CWMBenchCore
import CWMBenchFormats
import Foundation

/// The truth of the task line being read, in buffers reused from line to line.
///
/// It mirrors `ExampleTruth` (same sums, same order of operations) but never allocates per line,
/// so `TaskIndex` can copy it into its flat columns.
struct TaskLineTruth {
  /// The number of queries.
  var queryCount = 0
  /// Each query's answer index in its candidates (−1 when absent).
  var answerIndices: [Int32] = []
  /// Where each query's posterior starts in `posteriors`; one more entry closes the last.
  var posteriorStarts: [Int] = [0]
  /// Every query's Bayes posterior, concatenated.
  var posteriors: [Double] = []
  /// Queries the Bayes-optimal predictor gets right (`pfsa`).
  var bayesCorrect = 0
  /// Σ −log p_bayes(answer), or nil when some query has no posterior or there are none (`pfsa`).
  var bayesNLL: Double?
  /// Each query's `copy` (for `accuracy_changed`); meaningless when `copiesMissing`.
  var copies: [Bool] = []
  /// Whether some query has no `copy` (files of cwmbench 0.1.0).
  var copiesMissing = false
  /// Whether a query's structure was not kept because it has `copy` (the floor counts copies).
  var structureSkipped = false
  /// Whether the per-query columns apply (`pfsa`).
  var isPFSA = false
  /// Scratch for the scanner: the decoded answer and candidates of the current query.
  var strings: [UInt8] = []
  /// Scratch for the scanner: the current query's candidates, as spans of `strings`.
  var candidates: [Range<Int>] = []

  /// Scratch for the scanner: the last `params` object it checked, byte for byte.
  var previousParams: [UInt8] = []

  /// What `initial` holds, or nil when the line has none.
  var structureKind: RevealedValueKind?
  /// `initial`'s integers (the shell game).
  var initialValues: [Int] = []
  /// `initial`'s strings (`strings`).
  var initialStrings: [String] = []
  /// Each query with only what the no-tracking baseline reads: answer, variable and values.
  var structureQueries: [TaskQuery] = []
  /// Each query's `since_word`, −1 when absent (`strings` lines carry it).
  var sinceWords: [Int32] = []
  /// Whether some query carries `since_word`.
  var hasSinceWord = false

  /// A span of `strings` (checked ASCII) as a `String`, from contiguous bytes (the fast path).
  func text(_ span: Range<Int>) -> String {
    strings.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[span]), as: UTF8.self) }
  }

  /// Whether two spans of `strings` hold the same bytes.
  func same(_ a: Range<Int>, _ b: Range<Int>) -> Bool { strings[a] == strings[b] }

  /// Empties the buffers for the next line, keeping their capacity.
  mutating func reset() {
    queryCount = 0
    answerIndices.removeAll(keepingCapacity: true)
    posteriorStarts.removeAll(keepingCapacity: true)
    posteriorStarts.append(0)
    posteriors.removeAll(keepingCapacity: true)
    bayesCorrect = 0
    bayesNLL = 0
    isPFSA = false
    copies.removeAll(keepingCapacity: true)
    copiesMissing = false
    structureSkipped = false
    structureKind = nil
    structureQueries.removeAll(keepingCapacity: true)
    sinceWords.removeAll(keepingCapacity: true)
    hasSinceWord = false
    initialStrings.removeAll(keepingCapacity: true)
  }

  /// Records the `since_word` (−1: absent) of the query just appended (`appendQuery`).
  ///
  /// Nothing is stored until a line's first `since_word` (the shell game's lines have none, so
  /// they pay one comparison per query); then the earlier queries are filled with −1.
  mutating func appendSinceWord(_ value: Int) {
    if value < 0 && !hasSinceWord { return }
    if !hasSinceWord {
      hasSinceWord = true
      sinceWords.append(contentsOf: repeatElement(-1, count: queryCount - 1))
    }
    sinceWords.append(Int32(clamping: value))
  }

  /// Per query, whether its answer is a copy: the line's own `copy` fields when it has them (every
  /// line cwmbench 0.2.0 writes), else whether the answer repeats what its variable last showed,
  /// the initial string or the value of its previous reveal (what `last-reveal` answers for
  /// `strings`; false where the line does not record the variable and its printed string).
  func copyMarks() -> [Bool] {
    if !copiesMissing && copies.count == queryCount { return copies }
    var known = initialStrings
    return structureQueries.map { query in
      guard let variable = query.variable, variable >= 0, variable < known.count,
        case .strings(let values)? = query.revealed, let value = values.first
      else { return false }
      defer { known[variable] = value }
      return known[variable] == value
    }
  }

  /// Records what the no-tracking baseline reads of a query.
  mutating func appendStructure(answer: Range<Int>, variable: Int?, values: RevealedValues?) {
    var query = TaskQuery(
      start: 0, end: 0, answer: text(answer), step: 0, sinceReveal: 0, candidates: nil,
      probs: nil, variable: variable)
    query.revealed = values
    structureQueries.append(query)
  }

  /// The line as the no-tracking baseline reads it: no id or text, the structure and the
  /// queries' answers. The buffers move into the example (the next line starts new ones).
  mutating func takeStructureExample(params: CellParameters) -> TaskExample {
    var example = TaskExample(id: "", params: params, text: "", queries: [], structure: .none)
    swap(&example.queries, &structureQueries)
    switch structureKind {
    case .integers?:
      example.structure = .integers(initialValues)
      initialValues = []
    case .strings?:
      example.structure = .strings(initialStrings)
      initialStrings = []
    case nil: break
    }
    return example
  }

  /// Records a query's `copy`, or that it has none.
  mutating func appendCopy(_ copy: Bool?) {
    if let copy { copies.append(copy) } else { copiesMissing = true }
  }

  /// Records a query whose posterior was appended to `posteriors` from `posteriorStart` on.
  mutating func appendQuery(answerIndex: Int, posteriorStart: Int) {
    queryCount += 1
    answerIndices.append(Int32(answerIndex))
    posteriorStarts.append(posteriors.count)
    let count = posteriors.count - posteriorStart
    if answerIndex >= 0, answerIndex < count {
      let probs = posteriors[posteriorStart...]
      if ExampleScore.argmax(probs) == answerIndex { bayesCorrect += 1 }
      bayesNLL = bayesNLL.map { $0 - Foundation.log(probs[posteriorStart + answerIndex]) }
    } else {
      bayesNLL = nil
    }
  }

  /// Settles the family: `perm` keeps only the query count, as `ExampleTruth` does.
  mutating func finish(hasPosteriors: Bool) {
    isPFSA = hasPosteriors
    if isPFSA {
      if queryCount == 0 { bayesNLL = nil }
    } else {
      bayesCorrect = 0
      bayesNLL = nil
    }
  }

  /// Copies a generically decoded example's truth (the fallback path), with its `since_word`s and
  /// the structure `copyMarks()` reads.
  mutating func load(_ truth: ExampleTruth, of example: TaskExample, hasPosteriors: Bool) {
    reset()
    for query in example.queries {
      var structure = TaskQuery(
        start: 0, end: 0, answer: "", step: 0, sinceReveal: 0, candidates: nil, probs: nil, variable: query.variable)
      structure.revealed = query.revealed
      structureQueries.append(structure)
      appendSinceWord(query.sinceWord ?? -1)
    }
    initialStrings = example.initialStrings ?? []
    queryCount = truth.queryCount
    isPFSA = hasPosteriors
    for (index, answer) in truth.answerIndices.enumerated() {
      answerIndices.append(answer)
      if index < truth.bayes.count { posteriors.append(contentsOf: truth.bayes[index]) }
      posteriorStarts.append(posteriors.count)
    }
    bayesCorrect = truth.bayesCorrect
    bayesNLL = truth.bayesNLL
    if let truthCopies = truth.copies { copies = truthCopies } else { copiesMissing = true }
  }
}
