import CWMBenchCore

extension ResultRecord {
  /// The keys of a result line, spelled once for its writer, its decoder and its fast scanner.
  public enum Key: String, Sendable, CaseIterable {
    case error, id, mode, model, queries, shots
  }

  /// How a log-probability of −∞ is written in `results.jsonl`: a number that overflows to −∞.
  public static let minusInfinity: StaticString = "-1e999"

  /// Appends the result line (docs/results.md), keys sorted, without the newline.
  public func write(to writer: inout JSONWriter) {
    writer.writeKey(Key.error, first: true)
    if let error { writer.writeString(error) } else { writer.writeRaw("null") }
    writer.writeKey(Key.id)
    writer.writeString(id)
    writer.writeKey(Key.mode)
    writer.writeString(mode.rawValue)
    writer.writeKey(Key.model)
    writer.writeString(model)
    writer.writeKey(Key.queries)
    writer.writeRaw("[")
    for (index, query) in queries.enumerated() {
      if index > 0 { writer.writeRaw(",") }
      query.write(to: &writer)
    }
    writer.writeRaw("]")
    // Written only for few-shot runs, so other lines keep their bytes.
    if let shots {
      writer.writeKey(Key.shots)
      writer.writeRaw("[")
      for (index, shot) in shots.enumerated() {
        if index > 0 { writer.writeRaw(",") }
        writer.writeString(shot)
      }
      writer.writeRaw("]")
    }
    writer.writeRaw("}")
  }

  /// Decodes a result line, naming the first bad field.
  public init(json: JSONValue) throws(TaskFileError) {
    guard case .object = json else { throw .field("", expected: "an object", got: json) }
    let id = try json.required(Key.id, as: \.stringValue, "a string")
    let model = try json.required(Key.model, as: \.stringValue, "a string")
    let modeName = try json.required(Key.mode, as: \.stringValue, "a string")
    guard let mode = EvalMode(rawValue: modeName) else {
      throw .field(Key.mode.rawValue, expected: EvalMode.valueListing, got: .string(modeName))
    }
    var error: String?
    if let value = json[Key.error.rawValue], !value.isNull {
      guard let text = value.stringValue else {
        throw .field(Key.error.rawValue, expected: "a string or null", got: value)
      }
      error = text
    }
    let list = try json.required(Key.queries, as: \.arrayValue, "an array")
    var queries: [QueryResult] = []
    queries.reserveCapacity(list.count)
    for (index, item) in list.enumerated() {
      do throws(TaskFileError) {
        queries.append(try QueryResult(json: item))
      } catch {
        throw error.inside(Key.queries.rawValue + "[\(index)]")
      }
    }
    self.init(id: id, model: model, mode: mode, queries: queries, error: error)
    if let value = json[Key.shots.rawValue], !value.isNull {
      guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
        throw .field(Key.shots.rawValue, expected: "an array of strings or null", got: value)
      }
      shots = list.compactMap(\.stringValue)
    }
  }

  /// Reads one result line: through the fast scanner, or through `JSONParser` and the decoder
  /// when the scanner declines it (escapes, unknown shapes, malformed input), so that errors
  /// name the exact problem.
  public static func read(_ bytes: UnsafeRawBufferPointer) throws(ReadError) -> ResultRecord {
    do throws(ResultLineScanner.Unsupported) {
      return try ResultLineScanner.scan(bytes)
    } catch {
      let json: JSONValue
      do throws(JSONError) { json = try JSONParser.parse(bytes) } catch { throw .json(error) }
      do throws(TaskFileError) { return try ResultRecord(json: json) } catch { throw .decoding(error) }
    }
  }

  /// Why a result line could not be read.
  public enum ReadError: Error, Sendable {
    /// The line is not JSON (for example cut off by an interrupted writer).
    case json(JSONError)
    /// The line is JSON but not a result line.
    case decoding(TaskFileError)
  }
}

extension QueryResult {
  /// The keys of a query object in a result line.
  public enum Key: String, Sendable, CaseIterable {
    case correct, logprob, predicted, probs, raw, tokens
  }

  /// Appends the query object, keys sorted.
  public func write(to writer: inout JSONWriter) {
    writer.writeKey(Key.correct, first: true)
    writer.writeRaw(correct ? "true" : "false")
    writer.writeKey(Key.logprob)
    // −∞ (a probability of 0) is written `-1e999`: valid JSON that every IEEE reader (strtod,
    // Python, JavaScript) reads back as −∞, where `null` would read as "unknown" and drop the
    // example from the mean NLL. NaN stays `null`.
    if let logprob, logprob.isFinite {
      writer.writeDouble(logprob)
    } else if let logprob, logprob == -.infinity {
      writer.writeRaw(ResultRecord.minusInfinity)
    } else {
      writer.writeRaw("null")
    }
    writer.writeKey(Key.predicted)
    if let predicted { writer.writeString(predicted) } else { writer.writeRaw("null") }
    writer.writeKey(Key.probs)
    if let probs {
      writer.writeRaw("[")
      for (index, p) in probs.enumerated() {
        if index > 0 { writer.writeRaw(",") }
        writeNumber(p, to: &writer)
      }
      writer.writeRaw("]")
    } else {
      writer.writeRaw("null")
    }
    // Written only when kept (generate mode), so score and choice lines keep their bytes.
    if let raw {
      writer.writeKey(Key.raw)
      writer.writeString(raw)
    }
    // Written only when known, so lines of adapters that do not count tokens keep their bytes.
    if let tokens {
      writer.writeKey(Key.tokens)
      writer.writeInt(tokens)
    }
    writer.writeRaw("}")
  }

  /// Decodes a query object of a result line.
  public init(json: JSONValue) throws(TaskFileError) {
    let correct = try json.required(Key.correct, as: \.boolValue, "a boolean")
    // null means unknown (generate mode) or NaN; −∞ is written -1e999, which parses as −∞.
    let logprob = json[Key.logprob.rawValue]?.doubleValue
    let predicted = json[Key.predicted.rawValue]?.stringValue
    let probs = json[Key.probs.rawValue]?.arrayValue?.compactMap(\.doubleValue)
    var tokens: Int?
    if let value = json[Key.tokens.rawValue], !value.isNull {
      guard let count = value.intValue, count >= 0 else {
        throw .field(Key.tokens.rawValue, expected: "an integer ≥ 0 or null", got: value)
      }
      tokens = count
    }
    self.init(correct: correct, logprob: logprob, predicted: predicted, probs: probs, tokens: tokens)
    raw = json[Key.raw.rawValue]?.stringValue
  }
}
