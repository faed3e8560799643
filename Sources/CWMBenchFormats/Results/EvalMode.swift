import CWMBenchCore

/// How a model is asked about a trace (docs/protocol.md).
public enum EvalMode: String, Sendable, Hashable, CaseIterable {
  /// Teacher-forced: log p(answer | text before it) and greedy correctness, one request per example.
  case score
  /// The text before each query is the prompt; the model continues until a newline.
  case generate
  /// The model scores every candidate; its distribution is their softmax.
  case choice
}
