extension ResultRecord {
  /// How a log-probability of −∞ is written in `results.jsonl`: a number that overflows to −∞.
  public static let minusInfinity: StaticString = "-1e999"

  /// Appends the result line (SPEC §5), keys sorted, without the newline.
  public func write(to writer: inout JSONWriter) {
    writer.writeRaw("{\"error\":")
    if let error { writer.writeString(error) } else { writer.writeRaw("null") }
    writer.writeRaw(",\"id\":")
    writer.writeString(id)
    writer.writeRaw(",\"mode\":")
    writer.writeString(mode.rawValue)
    writer.writeRaw(",\"model\":")
    writer.writeString(model)
    writer.writeRaw(",\"queries\":[")
    for (index, query) in queries.enumerated() {
      if index > 0 { writer.writeRaw(",") }
      writer.writeRaw("{\"correct\":")
      writer.writeRaw(query.correct ? "true" : "false")
      writer.writeRaw(",\"logprob\":")
      // −∞ (a probability of 0) is written `-1e999`: valid JSON that every IEEE reader (strtod,
      // Python, JavaScript) reads back as −∞, where `null` would read as "unknown" and drop
      // the example from the mean NLL. NaN stays `null`.
      if let logprob = query.logprob, logprob.isFinite {
        writer.writeDouble(logprob)
      } else if let logprob = query.logprob, logprob == -.infinity {
        writer.writeRaw(ResultRecord.minusInfinity)
      } else {
        writer.writeRaw("null")
      }
      writer.writeRaw(",\"predicted\":")
      if let predicted = query.predicted { writer.writeString(predicted) } else { writer.writeRaw("null") }
      writer.writeRaw(",\"probs\":")
      if let probs = query.probs {
        writer.writeRaw("[")
        for (i, p) in probs.enumerated() {
          if i > 0 { writer.writeRaw(",") }
          writeNumber(p, to: &writer)
        }
        writer.writeRaw("]")
      } else {
        writer.writeRaw("null")
      }
      writer.writeRaw("}")
    }
    writer.writeRaw("]}")
  }

  /// Decodes a result line, naming the first bad field.
  public init(json: JSONValue) throws(TaskFileError) {
    let id = try json.required("id", as: \.stringValue, "a string")
    let model = try json.required("model", as: \.stringValue, "a string")
    let modeName = try json.required("mode", as: \.stringValue, "a string")
    guard let mode = EvalMode(rawValue: modeName) else {
      throw .field("mode", expected: "score, generate or choice", got: .string(modeName))
    }
    var error: String?
    if let value = json["error"], !value.isNull {
      guard let text = value.stringValue else { throw .field("error", expected: "a string or null", got: value) }
      error = text
    }
    guard let list = json["queries"]?.arrayValue else {
      throw .field("queries", expected: "an array", got: json["queries"] ?? .null)
    }
    var queries: [QueryResult] = []
    queries.reserveCapacity(list.count)
    for (index, item) in list.enumerated() {
      guard let correct = item["correct"]?.boolValue else {
        throw .field("queries[\(index)].correct", expected: "a boolean", got: item["correct"] ?? .null)
      }
      // null means unknown (generate mode) or NaN; −∞ is written -1e999, which parses as −∞.
      let logprob = item["logprob"]?.doubleValue
      let predicted = item["predicted"]?.stringValue
      let probs = item["probs"]?.arrayValue?.compactMap(\.doubleValue)
      queries.append(QueryResult(correct: correct, logprob: logprob, predicted: predicted, probs: probs))
    }
    self.init(id: id, model: model, mode: mode, queries: queries, error: error)
  }
}
