import CWMBenchCore
import CWMBenchFormats

/// The `cwmbench/1` wire format (docs/protocol.md): request lines out, hello and answer lines in.
extension ExecAdapter {
  /// The shape an answer must have to match its request.
  enum ExpectedAnswer: Sendable, Equatable {
    /// `spans` with this many entries.
    case score(spans: Int)
    /// A `text`.
    case generate
    /// `logprobs` with this many entries.
    case choice(candidates: Int)
  }

  /// The protocol name sent in `hello` and expected back.
  static let protocolName = "cwmbench/1"

  /// How many characters of an offending line an error message quotes.
  static let excerptLength = 80

  /// The `hello` line.
  static func helloLine() -> [UInt8] {
    Array("{\"op\":\"hello\",\"protocol\":\"\(protocolName)\"}\n".utf8)
  }

  /// The request line for `operation` under the wire id `id`, newline included; a generate
  /// request carries `temperature` only when it is not 0, so greedy requests keep their bytes.
  static func requestLine(_ operation: ModelRequest.Operation, id: String, temperature: Double = 0) -> [UInt8] {
    var writer: JSONWriter
    switch operation {
    case .score(let text, let spans):
      writer = JSONWriter(capacity: text.utf8.count + 16 * spans.count + 48)
      writer.writeRaw("{\"op\":\"score\",\"id\":")
      writer.writeString(id)
      writer.writeRaw(",\"text\":")
      writer.writeString(text)
      writer.writeRaw(",\"spans\":[")
      for (index, span) in spans.enumerated() {
        writer.writeRaw(index == 0 ? "[" : ",[")
        writer.writeInt(span.lowerBound)
        writer.writeRaw(",")
        writer.writeInt(span.upperBound)
        writer.writeRaw("]")
      }
      // What ends each span in the trace; adapters that predate it ignore the field.
      writer.writeRaw("],\"ends\":")
      writer.write(.array(SpanEnding.texts(of: spans, in: text).map { .string($0) }))
      writer.writeRaw("}\n")
    case .generate(let prompt, let maxTokens, let stop):
      writer = JSONWriter(capacity: prompt.utf8.count + 80)
      writer.writeRaw("{\"op\":\"generate\",\"id\":")
      writer.writeString(id)
      writer.writeRaw(",\"prompt\":")
      writer.writeString(prompt)
      writer.writeRaw(",\"max_tokens\":")
      writer.writeInt(maxTokens)
      writer.writeRaw(",\"stop\":")
      writer.write(.array(stop.map { .string($0) }))
      if temperature != 0 {
        writer.writeRaw(",\"temperature\":")
        writer.write(.double(temperature))
      }
      writer.writeRaw("}\n")
    case .choice(let prompt, let candidates):
      writer = JSONWriter(capacity: prompt.utf8.count + 16 * candidates.count + 48)
      writer.writeRaw("{\"op\":\"choice\",\"id\":")
      writer.writeString(id)
      writer.writeRaw(",\"prompt\":")
      writer.writeString(prompt)
      writer.writeRaw(",\"candidates\":")
      writer.write(.array(candidates.map { .string($0) }))
      writer.writeRaw("}\n")
    }
    return writer.bytes
  }

  /// The answer shape `operation` calls for.
  static func expectedAnswer(for operation: ModelRequest.Operation) -> ExpectedAnswer {
    switch operation {
    case .score(_, let spans): return .score(spans: spans.count)
    case .generate: return .generate
    case .choice(_, let candidates): return .choice(candidates: candidates.count)
    }
  }

  /// The model description in a hello answer, or why the answer is not one.
  static func decodeHello(_ line: ArraySlice<UInt8>, command: String) -> Result<ModelInfo, HelloFailure> {
    guard let value = try? JSONParser.parse(line), value.objectValue != nil else {
      return .failure(HelloFailure("it answered hello with '\(excerpt(line))', which is not a JSON object"))
    }
    guard value["ok"]?.boolValue == true else {
      let reason = value["error"]?.stringValue.map { ": '\($0)'" } ?? " with '\(excerpt(line))'"
      return .failure(HelloFailure("it refused hello\(reason)"))
    }
    guard let modeNames = value["modes"]?.arrayValue else {
      return .failure(HelloFailure("its hello answer '\(excerpt(line))' has no 'modes' list"))
    }
    var modes: [EvalMode] = []
    for name in modeNames {
      guard let text = name.stringValue, let mode = EvalMode(rawValue: text) else {
        return .failure(HelloFailure("its hello answer lists an unknown mode '\(excerpt(name))'"))
      }
      if !modes.contains(mode) { modes.append(mode) }
    }
    var trainLength: Int?
    if let length = value["train_length"], !length.isNull {
      guard let number = length.intValue, number >= 1 else {
        return .failure(HelloFailure("its hello answer has an invalid 'train_length' '\(excerpt(length))'"))
      }
      trainLength = number
    }
    // How many requests the adapter wants in flight (a single-threaded llama.cpp process: 1);
    // `--concurrency` overrides it, and 64 stands when it says nothing.
    var concurrency = ExecAdapter.defaultConcurrency
    if let wanted = value["max_concurrency"], !wanted.isNull {
      guard let number = wanted.intValue, number >= 1, number <= ExecAdapter.maximumConcurrency else {
        return .failure(
          HelloFailure(
            "its hello answer has an invalid 'max_concurrency' '\(excerpt(wanted))' "
              + "(expected an integer from 1 to \(ExecAdapter.maximumConcurrency))"))
      }
      concurrency = number
    }
    let name = value["name"]?.stringValue ?? command
    return .success(ModelInfo(name: name, modes: modes, trainLength: trainLength, preferredConcurrency: concurrency))
  }

  /// Why a handshake failed, in words that follow "adapter 'COMMAND' did not start: ".
  struct HelloFailure: Error, Sendable {
    /// The reason.
    var reason: String
    /// Creates a failure.
    init(_ reason: String) { self.reason = reason }
  }

  /// The response in `answer` (an object whose `id` matched), checked against what was asked.
  static func decodeAnswer(_ answer: JSONValue, expected: ExpectedAnswer) throws(AdapterError) -> ModelResponse {
    if let error = answer["error"], !error.isNull {
      throw .model(error.stringValue ?? excerpt(error))
    }
    switch expected {
    case .score(let count):
      guard let spans = answer["spans"]?.arrayValue else { throw missing("spans", in: answer) }
      guard spans.count == count else {
        throw .protocolViolation("answer has \(spans.count) spans for \(count) asked: '\(excerpt(answer))'")
      }
      var scores: [SpanScore] = []
      scores.reserveCapacity(count)
      for span in spans {
        guard let logprob = span["logprob"].flatMap(LogProbability.value), let correct = span["correct"]?.boolValue
        else {
          throw .protocolViolation(
            "span needs a 'logprob' ≤ 0 (or \"-inf\") and a boolean 'correct': '\(excerpt(span))'")
        }
        // Optional: what greedy decoding writes over the span, and the span's token count.
        let predicted = span["predicted"]
        let tokens = span["tokens"]
        guard predicted == nil || predicted!.isNull || predicted!.stringValue != nil,
          tokens == nil || tokens!.isNull || (tokens!.intValue ?? -1) >= 0
        else {
          throw .protocolViolation("span 'predicted' must be a string and 'tokens' an integer ≥ 0: '\(excerpt(span))'")
        }
        scores.append(
          SpanScore(logprob: logprob, correct: correct, predicted: predicted?.stringValue, tokens: tokens?.intValue))
      }
      return .score(scores)
    case .generate:
      guard let text = answer["text"]?.stringValue else { throw missing("text", in: answer) }
      return .generate(text)
    case .choice(let count):
      guard let values = answer["logprobs"]?.arrayValue else { throw missing("logprobs", in: answer) }
      let logprobs = values.compactMap(LogProbability.value)
      guard logprobs.count == values.count, logprobs.count == count else {
        throw .protocolViolation(
          "answer needs \(count) log-probabilities ≤ 0 (or \"-inf\") in 'logprobs': '\(excerpt(answer))'")
      }
      return .choice(logprobs)
    }
  }

  private static func missing(_ field: String, in answer: JSONValue) -> AdapterError {
    .protocolViolation("answer has no '\(field)': '\(excerpt(answer))'")
  }

  /// At most `excerptLength` characters of `line`, for quoting in a message.
  static func excerpt(_ line: ArraySlice<UInt8>) -> String {
    excerpt(String(decoding: line, as: UTF8.self))
  }

  /// At most `excerptLength` characters of `value` written as JSON.
  static func excerpt(_ value: JSONValue) -> String {
    excerpt(JSONWriter.encode(value))
  }

  /// At most `excerptLength` characters of `text`, with an ellipsis when cut.
  static func excerpt(_ text: String) -> String {
    text.count <= excerptLength ? text : String(text.prefix(excerptLength)) + "…"
  }
}
