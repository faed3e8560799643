import CWMBenchCore
import CWMBenchFormats

/// The one seam between the harness and a model.
///
/// Shaped like swift-openapi-runtime's `ClientTransport`: a single `send` that the harness
/// calls concurrently from many tasks. Adapters own their transport (a process, an HTTP
/// connection, an in-memory table) and must be safe to call from several tasks at once.
public protocol ModelAdapter: Sendable {
  /// Starts the model (spawns a process, probes a server) and describes it.
  func start() async throws -> ModelInfo
  /// Sends one request and waits for its answer.
  func send(_ request: ModelRequest) async throws -> ModelResponse
  /// Releases the model's resources; called once, after the last `send`.
  func shutdown() async
}

/// What a model says about itself at start-up (the `hello` answer).
public struct ModelInfo: Sendable, Hashable {
  /// A display name, used in results and reports.
  public var name: String
  /// The modes the model supports.
  public var modes: [EvalMode]
  /// The longest trace length the model was trained on, when known.
  public var trainLength: Int?
  /// How many requests the adapter handles well at once; the harness's default concurrency.
  public var preferredConcurrency: Int
  /// Whether `--mode auto` times one score and one generate request before choosing: a server
  /// whose prompt log-probabilities can cost far more than generation (llama-cpp-python's
  /// echo path), where score mode would be impractical (`EvalRunner.chooseMode`).
  public var probesAutoMode: Bool

  /// Creates a description.
  public init(
    name: String, modes: [EvalMode], trainLength: Int? = nil, preferredConcurrency: Int = 8,
    probesAutoMode: Bool = false
  ) {
    self.name = name
    self.modes = modes
    self.trainLength = trainLength
    self.preferredConcurrency = preferredConcurrency
    self.probesAutoMode = probesAutoMode
  }
}

/// One question to a model.
public struct ModelRequest: Sendable {
  /// What is asked.
  public enum Operation: Sendable, Hashable {
    /// Log-probability and greedy correctness of each span of `text`, given the text before it;
    /// what ends each span (`SpanEnding`) is read from `text` by the adapters.
    case score(text: String, spans: [Range<Int>])
    /// A continuation of `prompt` up to `maxTokens` tokens or the first `stop` string.
    case generate(prompt: String, maxTokens: Int, stop: [String])
    /// The log-probability of each candidate as a continuation of `prompt`.
    case choice(prompt: String, candidates: [String])
  }

  /// Unique among the requests in flight.
  public var id: String
  /// What is asked.
  public var operation: Operation
  /// The example the request is about; built-in baselines answer from it, remote models never see it.
  public var example: TaskExample
  /// The query the request is about (`generate`, `choice`); nil for `score`, which covers all queries.
  public var queryIndex: Int?
  /// The conversation for a chat template (`--chat`): system prompt, few-shot turns and the
  /// question; nil without `--chat`, when `operation`'s text is all there is.
  public var messages: [ChatMessage]?
  /// The sampling temperature for `generate` (`--temperature`; 0 is greedy).
  public var temperature: Double = 0

  /// Creates a request.
  public init(id: String, operation: Operation, example: TaskExample, queryIndex: Int?) {
    self.id = id
    self.operation = operation
    self.example = example
    self.queryIndex = queryIndex
  }
}

/// A model's answer to one request.
public enum ModelResponse: Sendable, Hashable {
  /// Per span: log p(span | prefix) and whether greedy decoding writes it and then its ending.
  case score([SpanScore])
  /// The generated continuation, without the stop string.
  case generate(String)
  /// The log-probability of each candidate, in request order.
  case choice([Double])
}

/// The score of one span in `score` mode.
public struct SpanScore: Sendable, Hashable {
  /// log p(span | text before it), natural log.
  public var logprob: Double
  /// Whether greedy decoding writes the span and then the text that ends it in the trace
  /// (`SpanEnding`; an adapter that ignores `ends` judges the span alone).
  public var correct: Bool
  /// The text greedy decoding writes over the span, when the adapter knows it.
  public var predicted: String?
  /// How many tokens the span is in the model's tokenization, when the adapter knows it.
  public var tokens: Int?

  /// Creates a span score.
  public init(logprob: Double, correct: Bool, predicted: String? = nil, tokens: Int? = nil) {
    self.logprob = logprob
    self.correct = correct
    self.predicted = predicted
    self.tokens = tokens
  }
}

extension ModelRequest.Operation {
  /// The UTF-8 bytes the model must read to answer: what a request's timeout scales with.
  ///
  /// A `choice` request reads the prompt once per candidate (an HTTP server scores each
  /// candidate as its own echoed completion).
  public var bytesSent: Int {
    switch self {
    case .score(let text, _): return text.utf8.count
    case .generate(let prompt, _, _): return prompt.utf8.count
    case .choice(let prompt, let candidates):
      return candidates.reduce(0) { $0 + prompt.utf8.count + $1.utf8.count }
    }
  }
}

/// One turn of a chat conversation.
public struct ChatMessage: Sendable, Hashable {
  /// `system`, `user` or `assistant`.
  public var role: String
  /// The turn's text.
  public var content: String

  /// Creates a turn.
  public init(role: String, content: String) {
    self.role = role
    self.content = content
  }
}
