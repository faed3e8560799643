/// Decodes the JSON the report reads: task-file examples (SPEC §3) and result lines (SPEC §5).
///
/// Kept local to the report so it only depends on the fields a report needs; failures are
/// plain messages the caller wraps with the file and line.
enum ReportDecoding {
  /// A decoding failure: what was wrong, ready for `ReportError.invalidInput`.
  struct Failure: Error {
    var reason: String
  }

  static func example(from json: JSONValue) throws(Failure) -> TaskExample {
    let id = try string(json, "id")
    guard let familyName = json["family"]?.stringValue, let family = Family(rawValue: familyName) else {
      throw Failure(reason: "example '\(id)' has no valid 'family'")
    }
    guard let params = json["params"], params.objectValue != nil else {
      throw Failure(reason: "example '\(id)' has no 'params' object")
    }
    let groupName = try string(params, "group")
    let group: Group
    do { group = try Group(parsing: groupName) } catch { throw Failure(reason: "example '\(id)': \(error)") }
    let spacing: Spacing
    if params["spacing"]?.stringValue == "final" {
      spacing = .final
    } else if let k = params["spacing"]?.intValue {
      spacing = .every(k)
    } else {
      throw Failure(reason: "example '\(id)' has no valid 'spacing'")
    }
    let actions = params["actions"]?.stringValue.flatMap(ActionKind.init(rawValue:))
    let reveal = params["reveal"]?.stringValue.flatMap(RevealKind.init(rawValue:)) ?? .one
    let render = params["render"]?.stringValue.flatMap(RenderKind.init(rawValue:)) ?? .repl
    let cell = CellParameters(
      family: family, group: group, length: try int(params, "length"), spacing: spacing, actions: actions,
      reveal: reveal, maxValue: params["max_value"]?.intValue, hidden: params["hidden"]?.doubleValue ?? 0,
      choices: params["choices"]?.intValue ?? 2, render: render)
    guard let queries = json["queries"]?.arrayValue else { throw Failure(reason: "example '\(id)' has no 'queries'") }
    var decoded: [TaskQuery] = []
    decoded.reserveCapacity(queries.count)
    for query in queries {
      decoded.append(
        TaskQuery(
          start: try int(query, "start"), end: try int(query, "end"), answer: try string(query, "answer"),
          step: query["step"]?.intValue ?? 0, sinceReveal: query["since_reveal"]?.intValue ?? 0,
          candidates: query["candidates"]?.arrayValue?.compactMap(\.stringValue),
          probs: query["probs"]?.arrayValue?.compactMap(\.doubleValue)))
    }
    return TaskExample(id: id, params: cell, text: json["text"]?.stringValue ?? "", queries: decoded)
  }

  static func result(from json: JSONValue, defaultModel: String) throws(Failure) -> ResultRecord {
    let id = try string(json, "id")
    let mode = json["mode"]?.stringValue.flatMap(EvalMode.init(rawValue:)) ?? .score
    var queries: [QueryResult] = []
    if let items = json["queries"]?.arrayValue {
      queries.reserveCapacity(items.count)
      for item in items {
        guard let correct = item["correct"]?.boolValue else {
          throw Failure(reason: "result '\(id)' has a query without a boolean 'correct'")
        }
        queries.append(
          QueryResult(
            correct: correct, logprob: item["logprob"]?.doubleValue, predicted: item["predicted"]?.stringValue,
            probs: item["probs"]?.arrayValue?.compactMap(\.doubleValue)))
      }
    }
    let error: String?
    if let value = json["error"], !value.isNull { error = value.stringValue ?? JSONWriter.encode(value) } else { error = nil }
    return ResultRecord(
      id: id, model: json["model"]?.stringValue ?? defaultModel, mode: mode, queries: queries, error: error)
  }

  static func string(_ json: JSONValue, _ key: String) throws(Failure) -> String {
    guard let value = json[key]?.stringValue else { throw Failure(reason: "missing string '\(key)'") }
    return value
  }

  static func int(_ json: JSONValue, _ key: String) throws(Failure) -> Int {
    guard let value = json[key]?.intValue else { throw Failure(reason: "missing integer '\(key)'") }
    return value
  }
}
