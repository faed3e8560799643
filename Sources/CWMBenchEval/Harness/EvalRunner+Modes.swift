import CWMBenchCore
import CWMBenchFormats
import Foundation
import Synchronization

extension EvalRunner {
  /// Unique request ids across the whole run.
  private static let requestCounter = Atomic<Int>(0)

  /// Asks the model about one example in `mode` and turns its answers into a result line.
  static func evaluate(
    _ example: TaskExample, mode: EvalMode, modelName: String, adapter: any ModelAdapter, config: EvalConfiguration
  ) async -> ExampleOutcome {
    do {
      let queries: [QueryResult]
      let framing = ExampleFraming(example, settings: config.prompt, pool: config.fewShotPool)
      switch mode {
      case .score: queries = try await score(example, framing: framing, adapter: adapter, config: config)
      case .generate: queries = try await generate(example, framing: framing, adapter: adapter, config: config)
      case .choice: queries = try await choice(example, framing: framing, adapter: adapter, config: config)
      }
      var record = ResultRecord(id: example.id, model: modelName, mode: mode, queries: queries, error: nil)
      record.shots = framing.shotIDs
      let chance = example.queries.indices.reduce(0.0) { total, index in
        total + (example.answerCount(ofQuery: index).map { 1 / $0 } ?? 0)
      }
      return .finished(record, queries: queries.count, correct: queries.filter(\.correct).count, chance: chance)
    } catch let error as AdapterError {
      switch error {
      case .unavailable, .protocolViolation, .unsupportedMode: return .fatal(error.description)
      case .model, .transient, .timeout:
        let record = ResultRecord(id: example.id, model: modelName, mode: mode, queries: [], error: error.description)
        return .finished(record, queries: 0, correct: 0, chance: 0)
      }
    } catch is CancellationError {
      return .fatal("cancelled")
    } catch {
      return .fatal("\(error)")
    }
  }

  /// One teacher-forced request covering every query of the example.
  static func score(
    _ example: TaskExample, framing: ExampleFraming, adapter: any ModelAdapter, config: EvalConfiguration
  ) async throws -> [QueryResult] {
    let operation = scoreOperation(example, framing: framing)
    let spans = example.queries.count
    let response = try await send(operation, example: example, query: nil, adapter: adapter, config: config)
    guard case .score(let scores) = response, scores.count == spans else {
      throw AdapterError.protocolViolation("expected \(spans) span scores for example '\(example.id)'")
    }
    return zip(scores, example.queries).map { score, query in
      QueryResult(
        correct: score.correct, logprob: score.logprob,
        predicted: score.predicted.map { bounded($0, answer: query.answer) },
        probs: nil, tokens: score.tokens)
    }
  }

  /// The score request of an example: its framed text, every query's span moved by the prefix.
  static func scoreOperation(_ example: TaskExample, framing: ExampleFraming) -> ModelRequest.Operation {
    // The prefix (shots, an instruction) moves every span by its length in bytes.
    let shift = framing.prefix.utf8.count
    let spans = example.queries.map { ($0.start + shift)..<($0.end + shift) }
    return .score(text: framing.prefix + example.text, spans: spans)
  }

  /// The generate request of query `index`: the framed text before it, the conversation with
  /// `--chat`, and the stop strings and token budget the reply is read with.
  static func generateRequest(
    _ example: TaskExample, query index: Int, bytes: [UInt8], framing: ExampleFraming, config: EvalConfiguration
  ) -> (operation: ModelRequest.Operation, messages: [ChatMessage]?, stops: [String], maxTokens: Int) {
    let query = example.queries[index]
    let question = String(decoding: bytes[..<query.start], as: UTF8.self)
    let stops = stopStrings(after: query, in: bytes)
    let maxTokens = config.prompt.maxTokens ?? max(16, 2 * query.answer.utf8.count)
    // With --chat an HTTP server reads `messages`; an adapter without a chat template
    // (exec:, .gguf) reads the prompt, which holds the same shots as plain text.
    let messages = framing.messages(question: question)
    let operation = ModelRequest.Operation.generate(
      prompt: framing.prefix + question, maxTokens: maxTokens, stop: stops)
    return (operation, messages, stops, maxTokens)
  }

  /// One free-running request per query, prompted with the text before it.
  static func generate(
    _ example: TaskExample, framing: ExampleFraming, adapter: any ModelAdapter, config: EvalConfiguration
  ) async throws -> [QueryResult] {
    let bytes = Array(example.text.utf8)
    var results: [QueryResult] = []
    for (index, query) in example.queries.enumerated() {
      let (operation, messages, stops, maxTokens) = generateRequest(
        example, query: index, bytes: bytes, framing: framing, config: config)
      let response = try await send(
        operation, example: example, query: index, adapter: adapter, config: config, messages: messages)
      guard case .generate(let text) = response else {
        throw AdapterError.protocolViolation("expected generated text for example '\(example.id)'")
      }
      results.append(
        scoredReply(
          text, answer: query.answer, stops: stops, maxTokens: maxTokens, extraction: config.prompt.extraction))
    }
    return results
  }

  /// A generated reply scored: the answer extracted, cut at the stop strings, compared exactly;
  /// the reply kept (bounded) beside it so `rescore` can extract again.
  static func scoredReply(
    _ reply: String, answer: String, stops: [String], maxTokens: Int, extraction: AnswerExtraction
  ) -> QueryResult {
    let predicted = bounded(truncate(extraction.answer(in: reply), at: stops), answer: answer)
    var result = QueryResult(correct: predicted == answer, logprob: nil, predicted: predicted, probs: nil)
    result.raw = bounded(reply, limit: max(4 * answer.count + 64, rawCharactersPerToken * maxTokens))
    return result
  }

  /// Characters kept of a reply per token it may take: more than any tokenizer's longest common
  /// token, so only a server that ignores `max_tokens` is cut.
  static let rawCharactersPerToken = 16

  /// One request per query scoring every candidate; the model's distribution is their softmax.
  static func choice(
    _ example: TaskExample, framing: ExampleFraming, adapter: any ModelAdapter, config: EvalConfiguration
  ) async throws -> [QueryResult] {
    let bytes = Array(example.text.utf8)
    var results: [QueryResult] = []
    for (index, query) in example.queries.enumerated() {
      guard let candidates = query.candidates else {
        throw AdapterError.unsupportedMode(.choice, model: "this task file (no candidates)")
      }
      let prompt = framing.prefix + String(decoding: bytes[..<query.start], as: UTF8.self)
      let response = try await send(
        .choice(prompt: prompt, candidates: candidates), example: example, query: index, adapter: adapter,
        config: config)
      guard case .choice(let logprobs) = response, logprobs.count == candidates.count else {
        throw AdapterError.protocolViolation(
          "expected \(candidates.count) candidate log-probabilities for example '\(example.id)'")
      }
      let probs = softmax(logprobs)
      // Ties go to the first candidate, so the rule is deterministic.
      let best = probs.indices.reduce(0) { probs[$1] > probs[$0] ? $1 : $0 }
      let answerIndex = candidates.firstIndex(of: query.answer)
      results.append(
        QueryResult(
          correct: answerIndex == best,
          logprob: answerIndex.map { Foundation.log(probs[$0]) },
          predicted: candidates[best], probs: probs))
    }
    return results
  }

  /// The text that ends an answer: a newline, and whatever the format writes right after it
  /// on the same line (`.` in `nl`; in `cwm` the value's closing quote and the byte after it,
  /// `"}`, `",` or `"<`, so that an escaped `\"` inside a value does not stop it).
  static func stopStrings(after query: TaskQuery, in bytes: [UInt8]) -> [String] {
    var suffix: [UInt8] = []
    var index = query.end
    while index < bytes.count, bytes[index] != 0x0A, suffix.count < 16 {
      suffix.append(bytes[index])
      index += 1
      if suffix.count >= 2, suffix.suffix(2) == [0x7C, 0x3E] { break }  // "|>" closes a special token
      if suffix.last == 0x22 {  // a closing quote: one more byte tells it from an escaped one
        if index < bytes.count, bytes[index] != 0x0A { suffix.append(bytes[index]) }
        break
      }
    }
    return suffix.isEmpty ? ["\n"] : ["\n", String(decoding: suffix, as: UTF8.self)]
  }

  /// `text` cut to `4 × the answer's length + 64` characters: a server that ignores `max_tokens`
  /// (generate), or an adapter that writes a span's `predicted` past the span (score), must not
  /// fill results.jsonl (and the report's memory and page) with what it wrote past the answer.
  static func bounded(_ text: String, answer: String) -> String {
    bounded(text, limit: 4 * answer.count + 64)
  }

  /// `text` cut to `limit` characters.
  static func bounded(_ text: String, limit: Int) -> String {
    let kept = text.prefix(limit)
    // Without counting all of a long text: `prefix` stops at the limit.
    return kept.endIndex == text.endIndex ? text : String(kept)
  }

  /// The model's text cut at the first stop string, without trailing whitespace.
  static func truncate(_ text: String, at stops: [String]) -> String {
    var result = Substring(text)
    for stop in stops {
      if let range = result.range(of: stop) { result = result[..<range.lowerBound] }
    }
    while let last = result.last, last == " " || last == "\r" || last == "\t" { result = result.dropLast() }
    return String(result)
  }

  /// A numerically stable softmax; -inf entries get probability 0.
  static func softmax(_ logits: [Double]) -> [Double] {
    guard let maximum = logits.max(), maximum.isFinite else {
      return logits.map { _ in 1 / Double(logits.count) }
    }
    let exponentials = logits.map { exp($0 - maximum) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
  }

  /// Sends with a per-request timeout and bounded retries with exponential backoff.
  static func send(
    _ operation: ModelRequest.Operation, example: TaskExample, query: Int?, adapter: any ModelAdapter,
    config: EvalConfiguration, messages: [ChatMessage]? = nil
  ) async throws -> ModelResponse {
    var attempt = 0
    let bytes = operation.bytesSent
    let timeout = config.timeout(forBytes: bytes)
    while true {
      let id = String(requestCounter.add(1, ordering: .relaxed).newValue)
      var framed = ModelRequest(id: id, operation: operation, example: example, queryIndex: query)
      framed.messages = messages
      framed.temperature = config.prompt.temperature
      let request = framed
      do {
        let started = ContinuousClock.now
        let response = try await withTimeout(timeout) { try await adapter.send(request) }
        let elapsed = started.duration(to: .now)
        config.answerClock.record(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        return response
      } catch AdapterError.timeout(let seconds, _) {
        throw AdapterError.timeout(seconds: seconds, detail: timeoutAdvice(bytes: bytes, config: config))
      } catch let error as AdapterError
        where error.isRetryable && attempt < config.retries && !Cancellation.isRequested
      {
        // Exponential backoff with jitter, so many workers do not retry in lockstep.
        var rng = Xoshiro256(seed: stableHash(id))
        let delay = min(30, config.backoff * Double(1 << min(attempt, 16))) * (0.5 + rng.unitInterval())
        // Slept in slices: after Ctrl-C or SIGTERM the failure is recorded at once (a resume asks
        // again) instead of after up to 30 s of backoff and more attempts.
        let wake = ContinuousClock.now + .nanoseconds(Int64(delay * 1_000_000_000))
        while ContinuousClock.now < wake {
          if Cancellation.isRequested { throw error }
          try await Task.sleep(for: min(.milliseconds(100), ContinuousClock.now.duration(to: wake)))
        }
        attempt += 1
      }
    }
  }

  /// What a timeout message tells the user: how the timeout was scaled, how long the last
  /// answer took, and the flag to raise.
  static func timeoutAdvice(bytes: Int, config: EvalConfiguration) -> String {
    var advice = "--timeout \(formatNumber(config.timeout))s"
    if bytes > config.timeoutReferenceBytes {
      advice += " per \(config.timeoutReferenceBytes) bytes, scaled to the \(bytes) bytes sent"
    }
    if let last = config.answerClock.lastAnswer {
      advice += "; the last answer took \(String(format: "%.1f", locale: Locale(identifier: "en_US_POSIX"), last))s"
    } else {
      advice += "; no request has been answered yet"
    }
    return advice + "; not retried, as the model may still be computing it: raise --timeout"
  }

  /// The watchdog that enforces every request's timeout in this process.
  static let watchdog = RequestWatchdog()

  /// Runs `body`, throwing `AdapterError.timeout` if it takes longer than `seconds`.
  ///
  /// The request runs as its own task so the watchdog can cancel it; adapters answer
  /// cancellation promptly (a process adapter forgets the request, an HTTP one drops it).
  static func withTimeout<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws
    -> T
  {
    let timedOut = TimeoutFlag()
    let task = Task { try await body() }
    let token = watchdog.register(seconds: seconds) {
      timedOut.value.store(true, ordering: .relaxed)
      task.cancel()
    }
    defer { watchdog.unregister(token) }
    do {
      return try await withTaskCancellationHandler {
        try await task.value
      } onCancel: {
        task.cancel()
      }
    } catch {
      if timedOut.value.load(ordering: .relaxed) { throw AdapterError.timeout(seconds: seconds) }
      throw error
    }
  }
}

/// Whether the watchdog fired for one request.
final class TimeoutFlag: Sendable {
  let value = Atomic<Bool>(false)
}
