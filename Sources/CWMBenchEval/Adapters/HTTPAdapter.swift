import CWMBenchCore
import CWMBenchFormats
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// An OpenAI-compatible server (`http(s)://…/v1`): vLLM, SGLang, llama-cpp-python, … (docs/protocol.md).
///
/// `score` and `choice` read prompt log-probabilities from `/v1/completions` with `echo`;
/// `generate` uses `/v1/completions` with `stop`, or `/v1/chat/completions` for chat-only
/// models. Whether the server really returns prompt log-probabilities is checked once at
/// start-up with a known text, because some servers (llama.cpp's `llama-server`) accept
/// `echo` and silently ignore it, which would make every score meaningless.
public final class HTTPAdapter: ModelAdapter {
  /// The API root, ending in `/v1`.
  public let baseURL: URL
  /// Whether `generate` goes through `/v1/chat/completions`.
  public let chat: Bool
  private let requestedModelName: String?
  /// Sent only in the Authorization header; never logged, never part of a message.
  private let apiKey: String?

  /// The key for the Authorization header (the only place it goes).
  var authorizationKey: String? { apiKey }
  /// The API key and the URL's user name, password and query values, removed from every answer
  /// body before a message quotes it.
  let redactor: SecretRedactor
  /// `baseURL` for messages: user name, password and query values replaced by `[redacted]`.
  public let displayURL: String
  let log: @Sendable (String) -> Void
  let session: URLSession
  private let state = Mutex(State())

  private struct State {
    var modelName: String?
    var promptLogprobs = false
    var refusalReason: String?
  }

  /// How many candidates of one `choice` request are scored at once.
  static let choiceConcurrency = 4

  /// The text of the start-up probe: short, ASCII, and split into several tokens by any tokenizer.
  static let probeText = "a = 1\nb = 2\n"

  /// Part of the message for an answer body that is not JSON, which the start-up probe tells apart.
  static let notJSONMarker = "with a body that is not JSON"

  /// The instruction put before the prompt in chat mode.
  static let chatInstruction = "Continue this Python REPL session. Reply with the next output line only."

  /// Creates an adapter; nothing is sent until `start()`.
  public init(
    baseURL: URL, modelName: String?, chat: Bool, apiKey: String?,
    log: @escaping @Sendable (String) -> Void
  ) {
    self.baseURL = baseURL
    self.requestedModelName = modelName
    self.chat = chat
    self.apiKey = apiKey
    self.redactor = SecretRedactor(secrets: [apiKey ?? ""] + SecretRedactor.urlSecrets(baseURL.absoluteString))
    self.displayURL = SecretRedactor.displayURL(baseURL.absoluteString)
    self.log = log
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 600
    configuration.timeoutIntervalForResource = 3600
    configuration.httpMaximumConnectionsPerHost = 16
    // The guard keeps the Authorization header inside the model URL's origin (HTTPRedirectPolicy).
    self.session = URLSession(configuration: configuration, delegate: HTTPRedirectGuard(), delegateQueue: nil)
  }

  /// The API key from `CWMBENCH_API_KEY`, else `OPENAI_API_KEY`; nil when neither is set and non-empty.
  public static func apiKey(from environment: [String: String]) -> String? {
    for name in ["CWMBENCH_API_KEY", "OPENAI_API_KEY"] {
      if let key = environment[name], !key.isEmpty { return key }
    }
    return nil
  }

  /// Why `score` and `choice` are refused by this server, once `start()` has found out; nil when they work.
  public var refusalReason: String? { state.withLock { $0.refusalReason } }

  /// The message to print when `mode` is asked of this server and it cannot serve it; nil when it can.
  public func refusal(for mode: EvalMode) -> String? {
    mode == .generate ? nil : refusalReason
  }

  /// The served model's name, from `--model-name` or the server's first model.
  public var modelName: String? { state.withLock { $0.modelName } }

  // MARK: - ModelAdapter

  /// Finds the model name, probes for prompt log-probabilities and describes the server.
  public func start() async throws -> ModelInfo {
    let name: String
    if let requestedModelName {
      name = requestedModelName
    } else {
      name = try await startupCall { () async throws(AdapterError) -> String in try await self.firstModelName() }
    }
    state.withLock { $0.modelName = name }
    var modes: [EvalMode] = [.generate]
    if chat {
      let reason =
        "chat mode (--chat) has no prompt log-probabilities, which score and choice need; use --mode generate"
      state.withLock { $0.refusalReason = reason }
    } else {
      let refusal = try await startupCall { () async throws(AdapterError) -> String? in
        try await self.probePromptLogprobs(model: name)
      }
      state.withLock {
        $0.promptLogprobs = refusal == nil
        $0.refusalReason = refusal
      }
      if let refusal {
        log("[http] \(refusal)")
      } else {
        modes = [.score, .choice, .generate]
      }
    }
    log("[http] model '\(name)' at '\(displayURL)', modes \(modes.map(\.rawValue).joined(separator: ", "))")
    return ModelInfo(name: name, modes: modes, trainLength: nil, preferredConcurrency: 8, probesAutoMode: true)
  }

  /// Sends one request and waits for the server's answer.
  public func send(_ request: ModelRequest) async throws -> ModelResponse {
    do {
      return try await answer(request)
    } catch {
      // A cancelled request (the harness's timeout, an interrupted run) is not a server failure,
      // and must not be recorded as one.
      if Task.isCancelled { throw CancellationError() }
      throw error
    }
  }

  private func answer(_ request: ModelRequest) async throws -> ModelResponse {
    let (name, promptLogprobs) = state.withLock { ($0.modelName, $0.promptLogprobs) }
    guard let name else { throw AdapterError.unavailable("http adapter for '\(displayURL)' was not started") }
    switch request.operation {
    case .score(let text, let spans):
      guard promptLogprobs else { throw AdapterError.unsupportedMode(.score, model: name) }
      let logprobs = try await echoedLogprobs(model: name, text: text)
      // The same endings an exec adapter is sent (`ends`), judged from the top tokens after each span.
      return .score(
        try spans.map { span throws(AdapterError) in
          let ending = SpanEnding.text(after: span.upperBound, in: text).utf8.count
          return try logprobs.score(span, ending: ending, textLength: text.utf8.count)
        })
    case .choice(let prompt, let candidates):
      guard promptLogprobs else { throw AdapterError.unsupportedMode(.choice, model: name) }
      return .choice(try await choiceLogprobs(model: name, prompt: prompt, candidates: candidates))
    case .generate(let prompt, let maxTokens, let stop):
      if chat {
        // The harness frames the conversation (instruction, system prompt, shots); a caller that
        // did not gets the REPL instruction before the prompt.
        let messages =
          request.messages ?? [ChatMessage(role: "user", content: Self.chatInstruction + "\n\n" + prompt)]
        return .generate(
          try await chatGenerate(
            model: name, messages: messages, maxTokens: maxTokens, temperature: request.temperature))
      }
      return .generate(
        try await completionGenerate(
          model: name, prompt: prompt, maxTokens: maxTokens, stop: stop, temperature: request.temperature))
    }
  }

  /// Closes the session's connections.
  public func shutdown() async {
    session.finishTasksAndInvalidate()
  }

  // MARK: - Operations

  /// Prompt log-probabilities of all of `text`, from one echoed completion of one token.
  func echoedLogprobs(model: String, text: String) async throws(AdapterError) -> CompletionLogprobs {
    // max_tokens 0 is refused by OpenAI and vLLM; the one generated token is dropped when scoring.
    let body = JSONValue.object([
      "model": .string(model), "prompt": .string(text), "echo": .bool(true), "logprobs": .int(1),
      "max_tokens": .int(1), "temperature": .int(0),
    ])
    let answer = try await post("completions", body)
    return try CompletionLogprobs(completion: answer).inBytes(of: text)
  }

  private func choiceLogprobs(model: String, prompt: String, candidates: [String]) async throws -> [Double] {
    let promptLength = prompt.utf8.count
    return try await withThrowingTaskGroup(of: (Int, Double).self) { group in
      var results = [Double](repeating: 0, count: candidates.count)
      var next = 0
      func addNext() {
        let index = next, text = prompt + candidates[index]
        next += 1
        group.addTask {
          let logprobs = try await self.echoedLogprobs(model: model, text: text)
          let span = try logprobs.score(promptLength..<text.utf8.count, textLength: text.utf8.count)
          return (index, span.logprob)
        }
      }
      while next < min(candidates.count, Self.choiceConcurrency) { addNext() }
      while let (index, logprob) = try await group.next() {
        results[index] = logprob
        if next < candidates.count { addNext() }
      }
      return results
    }
  }

  private func completionGenerate(model: String, prompt: String, maxTokens: Int, stop: [String], temperature: Double)
    async throws(AdapterError) -> String
  {
    var members: [String: JSONValue] = [
      "model": .string(model), "prompt": .string(prompt), "max_tokens": .int(max(1, maxTokens)),
      "temperature": Self.temperatureValue(temperature),
    ]
    // Some servers reject an empty `stop` list; OpenAI takes at most four.
    let stops = stop.filter { !$0.isEmpty }
    if !stops.isEmpty { members["stop"] = .array(stops.prefix(4).map { .string($0) }) }
    let body = JSONValue.object(members)
    let answer = try await post("completions", body)
    guard let text = answer["choices"]?.arrayValue?.first?["text"]?.stringValue else {
      throw .protocolViolation("completion has no 'choices[0].text': '\(Self.excerpt(answer))'")
    }
    // Servers that ignore `stop` would otherwise hand back the rest of the session.
    return Self.cut(text, at: stop)
  }

  /// The whole reply: the harness extracts the answer from it (`--extract`).
  private func chatGenerate(model: String, messages: [ChatMessage], maxTokens: Int, temperature: Double)
    async throws(AdapterError) -> String
  {
    let turns = messages.map { JSONValue.object(["role": .string($0.role), "content": .string($0.content)]) }
    let body = JSONValue.object([
      "model": .string(model), "messages": .array(turns), "max_tokens": .int(max(1, maxTokens)),
      "temperature": Self.temperatureValue(temperature),
    ])
    let answer = try await post("chat/completions", body)
    guard let content = answer["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue else {
      throw .protocolViolation("chat completion has no 'choices[0].message.content': '\(Self.excerpt(answer))'")
    }
    return content
  }

  /// A temperature as the request writes it: the integer 0 for greedy, as before the flag existed.
  static func temperatureValue(_ temperature: Double) -> JSONValue {
    temperature == 0 ? .int(0) : .double(temperature)
  }

  // MARK: - Start-up

  private func firstModelName() async throws(AdapterError) -> String {
    let answer = try await get("models")
    let ids = (answer["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
    guard let id = ids.first else {
      throw .protocolViolation("'/models' lists no model: '\(Self.excerpt(answer))'; name one with --model-name")
    }
    // A server with one model (llama-cpp-python, vLLM) needs no --model-name; with several the
    // first is a guess, said once.
    if ids.count > 1 {
      log("[http] the server lists \(ids.count) models; using the first, '\(id)' (choose one with --model-name)")
    }
    return id
  }

  /// Nil when the server returns prompt log-probabilities for a known text, else the refusal message.
  private func probePromptLogprobs(model: String) async throws(AdapterError) -> String? {
    let refusal =
      "the server at '\(displayURL)' does not return prompt log-probabilities "
      + "(it ignores 'echo', as llama.cpp's llama-server does), which score and choice need; use --mode generate"
    let logprobs: CompletionLogprobs
    do {
      logprobs = try await echoedLogprobs(model: model, text: Self.probeText)
    } catch .model(let message) {
      // A 400 for echo/logprobs means the same as ignoring them; other 4xx (key, model name) are fatal.
      if message.hasPrefix("server answered 400") || message.hasPrefix("server answered 422") {
        return refusal + " (it answered the probe with: \(message))"
      }
      throw .model(message)
    } catch .protocolViolation(let message) {
      // A page that is not JSON at all (a login portal, a web UI, a proxy's error page) is not
      // an OpenAI server ignoring echo: the URL is wrong, and generate would fail the same way.
      if message.contains(Self.notJSONMarker) {
        throw .unavailable(
          "the server at '\(displayURL)' is not an OpenAI-compatible API: \(message); "
            + "check that the URL is the API root, ending in /v1")
      }
      // Why the probe's answer was no use (no logprobs block, a positive log-probability).
      return refusal + " (its answer to the probe: \(message))"
    }
    return logprobs.echoes(Self.probeText) ? nil : refusal
  }

  /// Runs a start-up call, retrying transient failures a few times, and reports failures as `.unavailable`.
  private func startupCall<T: Sendable>(_ body: @Sendable () async throws(AdapterError) -> T) async throws(AdapterError)
    -> T
  {
    var attempt = 0
    while true {
      attempt += 1
      do {
        return try await body()
      } catch {
        if error.isRetryable && attempt < 4 {
          log("[http] \(error); retrying")
          try? await Task.sleep(for: .milliseconds(250 * attempt))
          continue
        }
        switch error {
        case .unavailable: throw error
        case .transient(let message) where message.hasPrefix("cannot reach"): throw .unavailable(message)
        default: throw .unavailable("cannot use the server at '\(displayURL)': \(error)")
        }
      }
    }
  }

  // MARK: - Text helpers

  /// `text` up to the first occurrence of any of `stops`.
  static func cut(_ text: String, at stops: [String]) -> String {
    var end = text.endIndex
    for stop in stops where !stop.isEmpty {
      if let range = text.range(of: stop), range.lowerBound < end { end = range.lowerBound }
    }
    return String(text[..<end])
  }

  /// The first non-blank line of a chat answer, trimmed.
  static func firstLine(of content: String) -> String {
    let lines = content.split(separator: "\n", omittingEmptySubsequences: false)
    let line = lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
    return line.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// At most 200 characters of `value` as JSON, for messages.
  static func excerpt(_ value: JSONValue) -> String {
    excerpt(JSONWriter.encode(value))
  }

  /// At most 200 characters of `text`, with an ellipsis when cut.
  static func excerpt(_ text: String) -> String {
    text.count <= 200 ? text : String(text.prefix(200)) + "…"
  }
}

extension HTTPAdapter: ModeRefusing {}
