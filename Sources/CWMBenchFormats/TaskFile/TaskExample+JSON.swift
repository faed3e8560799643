import CWMBenchCore

extension TaskExample {
  /// Appends the example as one JSON line (docs/task-file.md), keys sorted, without the newline.
  public func write(to writer: inout JSONWriter) {
    writer.writeKey(Key.family, first: true)
    writer.writeString(params.family.name)
    writer.writeKey(Key.id)
    writer.writeString(id)
    if let initialValues {
      writer.writeKey(Key.initial)
      writeIntegers(initialValues, to: &writer)
    } else if let initialStrings {
      writer.writeKey(Key.initial)
      writeStrings(initialStrings, to: &writer)
    }
    if let lineEvents {
      writer.writeKey(Key.lineEvents)
      writer.writeInt(lineEvents)
    }
    writer.writeKey(Key.params)
    params.write(to: &writer)
    if let program {
      writer.writeKey(Key.program)
      writer.writeString(program)
    }
    writer.writeKey(Key.queries)
    writer.writeRaw("[")
    for (index, query) in queries.enumerated() {
      if index > 0 { writer.writeRaw(",") }
      query.write(to: &writer)
    }
    writer.writeRaw("]")
    writer.writeKey(Key.text)
    writer.writeString(text)
    writer.writeRaw("}")
  }

  /// Decodes an example from a parsed task-file line, naming the first bad field.
  public init(json: JSONValue, families: FamilyRegistry) throws(TaskFileError) {
    guard case .object = json else { throw .field("", expected: "an object", got: json) }
    let id = try json.required(Key.id, as: \.stringValue, "a string")
    guard let familyValue = json[Key.family.rawValue] else { throw .missing(Key.family.rawValue) }
    let family = try families.family(familyValue, field: Key.family.rawValue)
    guard let paramsJSON = json[Key.params.rawValue] else { throw .missing(Key.params.rawValue) }
    let params = try CellParameters(json: paramsJSON, family: family)
    let text = try json.required(Key.text, as: \.stringValue, "a string")
    guard let queriesJSON = json[Key.queries.rawValue]?.arrayValue else {
      throw .field(Key.queries.rawValue, expected: "an array", got: json[Key.queries.rawValue] ?? .null)
    }
    var queries: [TaskQuery] = []
    queries.reserveCapacity(queriesJSON.count)
    let length = text.utf8.count
    for (index, queryJSON) in queriesJSON.enumerated() {
      let query: TaskQuery
      let path = Key.queries.rawValue + "[\(index)]"
      do throws(TaskFileError) {
        query = try TaskQuery(json: queryJSON, values: family.valueKind)
      } catch { throw error.inside(path) }
      guard query.start >= 0, query.start <= query.end, query.end <= length else {
        throw .field(
          path + "." + TaskQuery.Key.end.rawValue, expected: "a span inside text (0…\(length))", got: .int(query.end))
      }
      queries.append(query)
    }
    var initialValues: [Int]?
    var initialStrings: [String]?
    if let value = json[Key.initial.rawValue] {
      if family.valueKind == .strings {
        guard let list = value.arrayValue?.compactMap(\.stringValue), list.count == params.n,
          list.count == value.arrayValue?.count
        else { throw .field(Key.initial.rawValue, expected: "an array of \(params.n) strings", got: value) }
        initialStrings = list
      } else {
        guard let list = value.arrayValue?.compactMap(\.intValue), list.count == params.n,
          list.count == value.arrayValue?.count
        else { throw .field(Key.initial.rawValue, expected: "an array of \(params.n) integers", got: value) }
        initialValues = list
      }
    }
    var program: String?
    if let value = json[Key.program.rawValue] {
      guard let name = value.stringValue else { throw .field(Key.program.rawValue, expected: "a string", got: value) }
      program = name
    }
    var lineEvents: Int?
    if let value = json[Key.lineEvents.rawValue] {
      guard let count = value.intValue, count >= 0 else {
        throw .field(Key.lineEvents.rawValue, expected: "a non-negative integer", got: value)
      }
      lineEvents = count
    }
    for (index, query) in queries.enumerated() {
      if let variable = query.variable, variable >= params.n {
        throw .field(
          Key.queries.rawValue + "[\(index)]." + TaskQuery.Key.variable.rawValue,
          expected: "one of the \(params.n) variables", got: .string(VariableName.of(variable)))
      }
    }
    guard
      let structure = ExampleStructure(
        initialValues: initialValues, initialStrings: initialStrings, program: program, lineEvents: lineEvents)
    else {
      throw .field(Key.program.rawValue, expected: "no 'program' in a line with 'initial'", got: .string(program ?? ""))
    }
    self.init(id: id, params: params, text: text, queries: queries, structure: structure)
  }
}

extension TaskQuery {
  /// Appends the query object, keys sorted.
  public func write(to writer: inout JSONWriter) {
    writer.writeKey(Key.answer, first: true)
    writer.writeString(answer)
    if let candidates {
      writer.writeKey(Key.candidates)
      writer.writeRaw("[")
      for (index, candidate) in candidates.enumerated() {
        if index > 0 { writer.writeRaw(",") }
        writer.writeString(candidate)
      }
      writer.writeRaw("]")
    }
    if let copy {
      writer.writeKey(Key.copy)
      writer.writeRaw(copy ? "true" : "false")
    }
    writer.writeKey(Key.end)
    writer.writeInt(end)
    if let probs {
      writer.writeKey(Key.probs)
      writer.writeRaw("[")
      for (index, p) in probs.enumerated() {
        if index > 0 { writer.writeRaw(",") }
        writeNumber(p, to: &writer)
      }
      writer.writeRaw("]")
    }
    writer.writeKey(Key.sinceReveal)
    writer.writeInt(sinceReveal)
    if let sinceWord {
      writer.writeKey(Key.sinceWord)
      writer.writeInt(sinceWord)
    }
    writer.writeKey(Key.start)
    writer.writeInt(start)
    writer.writeKey(Key.step)
    writer.writeInt(step)
    if let values {
      writer.writeKey(Key.values)
      writeIntegers(values, to: &writer)
    } else if let stringValues {
      writer.writeKey(Key.values)
      writeStrings(stringValues, to: &writer)
    }
    if let variable {
      writer.writeKey(Key.variable)
      writer.writeString(VariableName.of(variable))
    }
    writer.writeRaw("}")
  }

  /// Decodes a query object of a task line whose `values` hold `kind`.
  public init(json: JSONValue, values kind: RevealedValueKind) throws(TaskFileError) {
    let start = try json.required(Key.start, as: \.intValue, "an integer")
    let end = try json.required(Key.end, as: \.intValue, "an integer")
    let answer = try json.required(Key.answer, as: \.stringValue, "a string")
    let step = try json.required(Key.step, as: \.intValue, "an integer")
    let sinceReveal = try json.required(Key.sinceReveal, as: \.intValue, "an integer")
    var candidates: [String]?
    if let value = json[Key.candidates.rawValue], !value.isNull {
      guard let list = value.arrayValue?.compactMap(\.stringValue), list.count == value.arrayValue?.count else {
        throw .field(Key.candidates.rawValue, expected: "an array of strings", got: value)
      }
      candidates = list
    }
    var probs: [Double]?
    if let value = json[Key.probs.rawValue], !value.isNull {
      guard let list = value.arrayValue?.compactMap(\.doubleValue), list.count == value.arrayValue?.count else {
        throw .field(Key.probs.rawValue, expected: "an array of numbers", got: value)
      }
      probs = list
    }
    if let candidates, let probs, candidates.count != probs.count {
      throw .field(
        Key.probs.rawValue, expected: "one probability per candidate (\(candidates.count))", got: .int(probs.count))
    }
    var variable: Int?
    if let value = json[Key.variable.rawValue] {
      guard let name = value.stringValue, let index = VariableName.index(of: name) else {
        throw .field(Key.variable.rawValue, expected: "a variable name 'a'…'z'", got: value)
      }
      variable = index
    }
    var values: [Int]?
    var stringValues: [String]?
    if let value = json[Key.values.rawValue] {
      if kind == .strings {
        guard let list = value.arrayValue?.compactMap(\.stringValue), list.count == value.arrayValue?.count else {
          throw .field(Key.values.rawValue, expected: "an array of strings", got: value)
        }
        stringValues = list
      } else {
        guard let list = value.arrayValue?.compactMap(\.intValue), list.count == value.arrayValue?.count else {
          throw .field(Key.values.rawValue, expected: "an array of integers", got: value)
        }
        values = list
      }
    }
    var sinceWord: Int?
    if let value = json[Key.sinceWord.rawValue] {
      guard let count = value.intValue, count >= 0 else {
        throw .field(Key.sinceWord.rawValue, expected: "a non-negative integer", got: value)
      }
      sinceWord = count
    }
    var copy: Bool?
    if let value = json[Key.copy.rawValue] {
      guard case .bool(let flag) = value else { throw .field(Key.copy.rawValue, expected: "true or false", got: value) }
      copy = flag
    }
    self.init(
      start: start, end: end, answer: answer, step: step, sinceReveal: sinceReveal,
      candidates: candidates, probs: probs, variable: variable, values: values,
      stringValues: stringValues, sinceWord: sinceWord, copy: copy)
  }
}

/// An array of strings.
func writeStrings(_ values: [String], to writer: inout JSONWriter) {
  writer.writeRaw("[")
  for (index, value) in values.enumerated() {
    if index > 0 { writer.writeRaw(",") }
    writer.writeString(value)
  }
  writer.writeRaw("]")
}

/// An array of integers.
func writeIntegers(_ values: [Int], to writer: inout JSONWriter) {
  writer.writeRaw("[")
  for (index, value) in values.enumerated() {
    if index > 0 { writer.writeRaw(",") }
    writer.writeInt(value)
  }
  writer.writeRaw("]")
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
  func required<Key: RawRepresentable, T>(
    _ key: Key, as accessor: (JSONValue) -> T?, _ expected: String
  ) throws(TaskFileError) -> T where Key.RawValue == String {
    guard let value = self[key.rawValue] else { throw .missing(key.rawValue) }
    guard let converted = accessor(value) else { throw .field(key.rawValue, expected: expected, got: value) }
    return converted
  }
}
