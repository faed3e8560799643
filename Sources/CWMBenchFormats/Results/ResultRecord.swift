import CWMBenchCore

/// One line of `results.jsonl` (docs/results.md): a model's answers to every query of one example.
public struct ResultRecord: Sendable, Hashable {
  /// The example id.
  public var id: String
  /// The model's display name.
  public var model: String
  /// The mode the answers were obtained in.
  public var mode: EvalMode
  /// One entry per query of the example, in order; empty when the example failed.
  public var queries: [QueryResult]
  /// Why the example failed after its retries, or nil.
  public var error: String?
  /// The ids of the train-split examples shown before the question (`--few-shot`); nil otherwise.
  public var shots: [String]?

  /// Creates a record.
  public init(id: String, model: String, mode: EvalMode, queries: [QueryResult], error: String?) {
    self.id = id
    self.model = model
    self.mode = mode
    self.queries = queries
    self.error = error
  }
}

/// A model's answer to one query.
public struct QueryResult: Sendable, Hashable {
  /// Whether the answer was right (docs/protocol.md defines it per mode).
  public var correct: Bool
  /// log p(answer) under the model, when known (`score`, `choice`).
  public var logprob: Double?
  /// The model's answer text, when it produced one.
  public var predicted: String?
  /// The model's distribution over the query's candidates (`choice` mode).
  public var probs: [Double]?
  /// The answer's length in the model's tokens, when the adapter reports it (score mode).
  public var tokens: Int?
  /// The model's whole reply before `--extract` took the answer out of it (generate mode),
  /// bounded; `cwmbench rescore` extracts again from it.
  public var raw: String?

  /// Creates a query result.
  public init(correct: Bool, logprob: Double?, predicted: String?, probs: [Double]?, tokens: Int? = nil) {
    self.correct = correct
    self.logprob = logprob
    self.predicted = predicted
    self.probs = probs
    self.tokens = tokens
  }
}
