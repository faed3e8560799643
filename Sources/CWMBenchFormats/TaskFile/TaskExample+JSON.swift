import CWMBenchCore
extension TaskExample {
  /// Appends the example as one JSON line (SPEC §3), keys sorted, without the newline.
  public func write(to writer: inout JSONWriter) {
    writer.writeRaw("{\"family\":")
    writer.writeString(params.family.rawValue)
    writer.writeRaw(",\"id\":")
    writer.writeString(id)
    writer.writeRaw(",\"params\":")
    params.write(to: &writer)
    writer.writeRaw(",\"queries\":[")
    for (index, query) in queries.enumerated() {
      if index > 0 { writer.writeRaw(",") }
      query.write(to: &writer)
    }
    writer.writeRaw("],\"text\":")
    writer.writeString(text)
    writer.writeRaw("}")
  }

  /// Decodes an example from a parsed task-file line, naming the first bad field.
  public init(json: JSONValue) throws(TaskFileError) {
    guard case .object = json else { throw .field("", expected: "an object", got: json) }
    let id = try json.required("id", as: \.stringValue, "a string")
    let familyName = try json.required("family", as: \.stringValue, "a string")
    guard let family = Family(rawValue: familyName) else {
      throw .field("family", expected: "'perm' or 'pfsa'", got: .string(familyName))
    }
    guard let paramsJSON = json["params"] else { throw .missing("params") }
    let params = try CellParameters(json: paramsJSON, family: family)
    let text = try json.required("text", as: \.stringValue, "a string")
    guard let queriesJSON = json["queries"]?.arrayValue else {
      throw .field("queries", expected: "an array", got: json["queries"] ?? .null)
    }
    var queries: [TaskQuery] = []
    queries.reserveCapacity(queriesJSON.count)
    let length = text.utf8.count
    for (index, queryJSON) in queriesJSON.enumerated() {
      let query: TaskQuery
      do throws(TaskFileError) { query = try TaskQuery(json: queryJSON) } catch { throw error.inside("queries[\(index)]") }
      guard query.start >= 0, query.start <= query.end, query.end <= length else {
        throw .field("queries[\(index)].end", expected: "a span inside text (0…\(length))", got: .int(query.end))
      }
      queries.append(query)
    }
    self.init(id: id, params: params, text: text, queries: queries)
  }
}

extension TaskQuery {
  /// Appends the query object, keys sorted.
  public func write(to writer: inout JSONWriter) {
    writer.writeRaw("{\"answer\":")
    writer.writeString(answer)
    if let candidates {
      writer.writeRaw(",\"candidates\":[")
      for (index, candidate) in candidates.enumerated() {
        if index > 0 { writer.writeRaw(",") }
        writer.writeString(candidate)
      }
      writer.writeRaw("]")
    }
    writer.writeRaw(",\"end\":")
    writer.writeInt(end)
    if let probs {
      writer.writeRaw(",\"probs\":[")
      for (index, p) in probs.enumerated() {
        if index > 0 { writer.writeRaw(",") }
        writeNumber(p, to: &writer)
      }
      writer.writeRaw("]")
    }
    writer.writeRaw(",\"since_reveal\":")
    writer.writeInt(sinceReveal)
    writer.writeRaw(",\"start\":")
    writer.writeInt(start)
    writer.writeRaw(",\"step\":")
    writer.writeInt(step)
    writer.writeRaw("}")
  }

  /// Decodes a query object.
  public init(json: JSONValue) throws(TaskFileError) {
    let start = try json.required("start", as: \.intValue, "an integer")
    let end = try json.required("end", as: \.intValue, "an integer")
    let answer = try json.required("answer", as: \.stringValue, "a string")
    let step = try json.required("step", as: \.intValue, "an integer")
    let sinceReveal = try json.required("since_reveal", as: \.intValue, "an integer")
    var candidates: [String]?
    if let value = json["candidates"], !value.isNull {
      guard let list = value.arrayValue?.compactMap(\.stringValue), list.count == value.arrayValue?.count else {
        throw .field("candidates", expected: "an array of strings", got: value)
      }
      candidates = list
    }
    var probs: [Double]?
    if let value = json["probs"], !value.isNull {
      guard let list = value.arrayValue?.compactMap(\.doubleValue), list.count == value.arrayValue?.count else {
        throw .field("probs", expected: "an array of numbers", got: value)
      }
      probs = list
    }
    if let candidates, let probs, candidates.count != probs.count {
      throw .field("probs", expected: "one probability per candidate (\(candidates.count))", got: .int(probs.count))
    }
    self.init(
      start: start, end: end, answer: answer, step: step, sinceReveal: sinceReveal,
      candidates: candidates, probs: probs)
  }
}

extension CellParameters {
  /// Appends the `params` object, keys sorted.
  public func write(to writer: inout JSONWriter) {
    writer.writeRaw("{\"actions\":")
    writer.writeString(actions.rawValue)
    writer.writeRaw(",\"choices\":")
    writer.writeInt(choices)
    writer.writeRaw(",\"group\":")
    writer.writeString(group.name)
    writer.writeRaw(",\"hidden\":")
    writeNumber(hidden, to: &writer)
    writer.writeRaw(",\"length\":")
    writer.writeInt(length)
    writer.writeRaw(",\"max_value\":")
    writer.writeInt(maxValue)
    writer.writeRaw(",\"n\":")
    writer.writeInt(n)
    writer.writeRaw(",\"render\":")
    writer.writeString(render.rawValue)
    writer.writeRaw(",\"reveal\":")
    writer.writeString(reveal.rawValue)
    writer.writeRaw(",\"spacing\":")
    switch spacing {
    case .every(let k): writer.writeInt(k)
    case .final: writer.writeString("final")
    }
    writer.writeRaw("}")
  }

  /// Decodes a task file's `params` object.
  public init(json: JSONValue, family: Family) throws(TaskFileError) {
    do throws(TaskFileError) {
      let groupName = try json.required("group", as: \.stringValue, "a string")
      let group: Group
      do { group = try Group(parsing: groupName) } catch { throw TaskFileError.invalid("group", error) }
      let spacing: Spacing
      switch json["spacing"] {
      case .string("final"): spacing = .final
      case .int(let k) where k >= 1: spacing = .every(k)
      case let other: throw TaskFileError.field("spacing", expected: "an integer ≥ 1 or \"final\"", got: other ?? .null)
      }
      func parse<T: RawRepresentable>(_ key: String, _ type: T.Type) throws(TaskFileError) -> T where T.RawValue == String {
        let raw = try json.required(key, as: \.stringValue, "a string")
        guard let value = T(rawValue: raw) else { throw .field(key, expected: "a known value", got: .string(raw)) }
        return value
      }
      self.init(
        family: family, group: group,
        length: try json.required("length", as: \.intValue, "an integer"),
        spacing: spacing,
        actions: try parse("actions", ActionKind.self),
        reveal: try parse("reveal", RevealKind.self),
        maxValue: try json.required("max_value", as: \.intValue, "an integer"),
        hidden: try json.required("hidden", as: \.doubleValue, "a number"),
        choices: try json.required("choices", as: \.intValue, "an integer"),
        render: try parse("render", RenderKind.self))
    } catch {
      throw error.inside("params")
    }
  }
}

/// Numbers that are whole print without a fraction (`0`, `1`), others shortest round-trip.
@inline(__always)
func writeNumber(_ value: Double, to writer: inout JSONWriter) {
  if value == value.rounded(), abs(value) < 1e15 {
    writer.writeInt(Int(value))
  } else {
    writer.writeDouble(value)
  }
}

extension JSONValue {
  /// The value at `key` converted by `accessor`, or an error naming the field and what was expected.
  func required<T>(_ key: String, as accessor: (JSONValue) -> T?, _ expected: String) throws(TaskFileError) -> T {
    guard let value = self[key] else { throw .missing(key) }
    guard let converted = accessor(value) else { throw .field(key, expected: expected, got: value) }
    return converted
  }
}
