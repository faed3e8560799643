import CWMBenchCore
import CWMBenchFormats

/// One model's answered examples on one cell, as flat columns: 17 bytes per `perm` example.
///
/// An array of `ExampleScore` costs about 64 bytes per example (three optional doubles); a report
/// over millions of examples keeps these columns instead, and the `pfsa`-only columns stay empty
/// for `perm` cells. The bootstrap resamples by position, so `inTaskOrder()` puts the examples
/// in task-file order first: results arrive in whatever order a concurrent run finished them,
/// and the report must not depend on that.
struct CellScores {
  /// Flag bit: the last query was right.
  static let lastCorrectFlag: UInt8 = 1
  /// Flag bit: `nll` is present.
  static let nllFlag: UInt8 = 2
  /// Flag bit: `bayesNLL` is present.
  static let bayesNLLFlag: UInt8 = 4
  /// Flag bit: `tv` is present.
  static let tvFlag: UInt8 = 8

  /// Whether the `pfsa` columns are kept.
  let isPFSA: Bool
  /// Queries right, per example.
  private(set) var correct: [Int32] = []
  /// Queries answered, per example.
  private(set) var queries: [Int32] = []
  /// Answered queries with `copy: false`, summed over the examples: `accuracy_changed` has a
  /// Wilson interval over queries, so sums suffice (no column per example).
  private(set) var changedQueries = 0
  /// How many of them were right.
  private(set) var changedCorrect = 0
  /// Examples with at least one such query.
  private(set) var changedExamples = 0
  /// Whether some example does not say which of its queries are copies.
  private(set) var changedUnknown = false
  /// Per example: last query right, and which optional sums are present.
  private(set) var flags: [UInt8] = []
  /// Bayes-optimal queries right (`pfsa`).
  private(set) var bayesCorrect: [Int32] = []
  /// Σ −log p_model(answer) (`pfsa`; 0 when absent).
  private(set) var nll: [Double] = []
  /// Σ −log p_bayes(answer) (`pfsa`; 0 when absent).
  private(set) var bayesNLL: [Double] = []
  /// Σ total variation (`pfsa`; 0 when absent).
  private(set) var tv: [Double] = []
  /// Where each example stands in the task files: task number << 32 | line position.
  private(set) var position: [UInt64] = []

  /// Creates empty columns.
  init(isPFSA: Bool) { self.isPFSA = isPFSA }

  /// The number of examples.
  var count: Int { correct.count }

  /// Adds an example (the caller drops those without answered queries).
  mutating func append(_ score: ExampleScore, task: Int, ordinal: Int) {
    position.append(UInt64(task) << 32 | UInt64(ordinal))
    correct.append(Int32(score.correct))
    queries.append(Int32(score.queries))
    var bits: UInt8 = score.lastCorrect ? CellScores.lastCorrectFlag : 0
    if let changed = score.changedQueries {
      changedQueries += changed
      changedCorrect += score.changedCorrect
      if changed > 0 { changedExamples += 1 }
    } else {
      changedUnknown = true
    }
    if isPFSA {
      if score.nll != nil { bits |= CellScores.nllFlag }
      if score.bayesNLL != nil { bits |= CellScores.bayesNLLFlag }
      if score.tv != nil { bits |= CellScores.tvFlag }
      bayesCorrect.append(Int32(score.bayesCorrect))
      nll.append(score.nll ?? 0)
      bayesNLL.append(score.bayesNLL ?? 0)
      tv.append(score.tv ?? 0)
    }
    flags.append(bits)
  }

  /// The same columns with the examples in task-file order.
  func inTaskOrder() -> CellScores {
    let order = position.indices.sorted { position[$0] < position[$1] }
    if order.elementsEqual(position.indices) { return self }
    var sorted = CellScores(isPFSA: isPFSA)
    sorted.position = order.map { position[$0] }
    sorted.correct = order.map { correct[$0] }
    sorted.queries = order.map { queries[$0] }
    sorted.flags = order.map { flags[$0] }
    (sorted.changedQueries, sorted.changedCorrect) = (changedQueries, changedCorrect)
    (sorted.changedExamples, sorted.changedUnknown) = (changedExamples, changedUnknown)
    if isPFSA {
      sorted.bayesCorrect = order.map { bayesCorrect[$0] }
      sorted.nll = order.map { nll[$0] }
      sorted.bayesNLL = order.map { bayesNLL[$0] }
      sorted.tv = order.map { tv[$0] }
    }
    return sorted
  }

  /// Whether example `index` has all the flag bits in `mask`.
  func has(_ mask: UInt8, at index: Int) -> Bool { flags[index] & mask == mask }
}
