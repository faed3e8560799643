import CWMBenchCore
import CWMBenchFormats

/// The compact summary of one model's answers to one example: a few numbers, never its text.
///
/// Sums rather than means, so cells pool examples of different query counts exactly.
public struct ExampleScore: Sendable, Hashable {
  /// The number of queries answered.
  public var queries: Int
  /// How many of them were right.
  public var correct: Int
  /// Whether the last query was right.
  public var lastCorrect: Bool
  /// How many queries the Bayes-optimal predictor gets right (`pfsa`; 0 otherwise).
  public var bayesCorrect: Int
  /// Σ −log p_model(answer), or nil when some query has no model probability.
  public var nll: Double?
  /// Σ −log p_bayes(answer), or nil when the task has no `probs`.
  public var bayesNLL: Double?
  /// Σ total variation to the Bayes posterior, or nil when the model gave no distribution.
  public var tv: Double?
  /// Answered queries whose `copy` is false, or nil when some answered query has no `copy`.
  public var changedQueries: Int?
  /// How many of those were right.
  public var changedCorrect: Int

  /// Creates a summary.
  public init(
    queries: Int, correct: Int, lastCorrect: Bool, bayesCorrect: Int = 0,
    nll: Double? = nil, bayesNLL: Double? = nil, tv: Double? = nil, changedQueries: Int? = nil,
    changedCorrect: Int = 0
  ) {
    self.queries = queries
    self.correct = correct
    self.lastCorrect = lastCorrect
    self.bayesCorrect = bayesCorrect
    self.nll = nll
    self.bayesNLL = bayesNLL
    self.tv = tv
    self.changedQueries = changedQueries
    self.changedCorrect = changedCorrect
  }

  /// Whether every query was right.
  public var allCorrect: Bool { correct == queries }

  /// The fraction of queries right, used to rank worst examples.
  public var accuracy: Double { queries > 0 ? Double(correct) / Double(queries) : 0 }
}
