import CWMBenchFormats

/// One model's answers to one example as the sample browser shows them.
struct SampleAnswers: Sendable {
  /// The answer to each query, in order.
  var results: [QueryResult]
  /// The ids of the solved train-split examples put before the question (`--few-shot`), nil without.
  var shots: [String]?
}
