import CWMBenchCore
import Foundation

/// The task line codec's fast read path: decodes a line straight from its bytes, without the
/// JSON tree `TaskExample(json:)` builds (a dictionary per query).
///
/// It reads the keys the codec writes, each at most once, and gives up (`nil`) on anything
/// else — an unknown or repeated key, an odd type, a value the decoder would refuse — so the
/// caller falls back to `JSONParser` and `TaskExample(json:)`, which accept the same lines and
/// name the problem. Tests check that both paths give the same example for every line.
struct TaskLineReader {
  private var cursor: JSONCursor

  private let families: FamilyRegistry
  private var cache: TaskLineCache

  private init(_ line: UnsafeRawBufferPointer, families: FamilyRegistry, cache: TaskLineCache) {
    cursor = JSONCursor(base: line.baseAddress!.assumingMemoryBound(to: UInt8.self), count: line.count)
    self.families = families
    self.cache = cache
  }

  /// The example on `line`, or nil when the generic decoder must read it.
  ///
  /// - Complexity: O(line length).
  static func read(_ line: UnsafeRawBufferPointer, families: FamilyRegistry) -> TaskExample? {
    var cache = TaskLineCache()
    return read(line, families: families, cache: &cache)
  }

  /// The example on `line`, decoding its `params` only when they differ from `cache`'s.
  ///
  /// - Complexity: O(line length).
  static func read(_ line: UnsafeRawBufferPointer, families: FamilyRegistry, cache: inout TaskLineCache) -> TaskExample?
  {
    guard line.count > 0 else { return nil }
    var reader = TaskLineReader(line, families: families, cache: cache)
    cache = TaskLineCache()  // the reader holds the only copy while it reads (no copy on write)
    let example = reader.example()
    cache = reader.cache
    return example
  }

  private mutating func example() -> TaskExample? {
    var family: (any TaskFamily)?, id: String?, initial: [Int]?, initialStrings: [String]?, text: String?
    var program: String?, lineEvents: Int?
    var queries: [TaskQuery]?
    var params: CellParameters?
    var seen = Set<String>()
    // `params` needs the family, which sorts before it, so it is read in place.
    let complete = object { reader, key in
      guard seen.insert(key).inserted, let known = TaskExample.Key(rawValue: key) else { return false }
      switch known {
      case .family:
        guard let name = reader.string(), let value = reader.families.family(named: name) else { return false }
        family = value
      case .id: id = reader.string()
      case .initial:
        guard let family else { return false }
        if family.valueKind == .strings {
          initialStrings = reader.array { $0.string() }
        } else {
          initial = reader.integers()
        }
        return initial != nil || initialStrings != nil
      case .lineEvents:
        lineEvents = reader.integer()
        return (lineEvents ?? -1) >= 0
      case .params:
        guard let family else { return false }
        params = reader.parameters(family: family)
      case .program:
        program = reader.string()
        return program != nil
      case .queries:
        guard let family else { return false }
        queries = reader.array { $0.query(values: family.valueKind) }
      case .text: text = reader.string()
      }
      return true
    }
    cursor.skipWhitespace()
    guard complete, cursor.i == cursor.end, let id, let params, let queries, let text else {
      return nil
    }
    // The decoder's checks; a line that fails one goes to the decoder, which names it.
    let length = text.utf8.count
    for query in queries {
      guard query.start >= 0, query.start <= query.end, query.end <= length else { return nil }
      if let variable = query.variable, variable >= params.n { return nil }
    }
    if let initial, initial.count != params.n { return nil }
    if let initialStrings, initialStrings.count != params.n { return nil }
    guard
      let structure = ExampleStructure(
        initialValues: initial, initialStrings: initialStrings, program: program, lineEvents: lineEvents)
    else { return nil }
    return TaskExample(id: id, params: params, text: text, queries: queries, structure: structure)
  }

  /// The `params` object, decoded by the family's one decoder (the same as the generic path's),
  /// or the cached one when the line repeats its bytes.
  private mutating func parameters(family: any TaskFamily) -> CellParameters? {
    guard peek != nil else { return nil }
    let start = cursor.i
    let count = cache.bytes.count
    if let cached = cache.params, cached.family.name == family.name, count > 0, start + count <= cursor.end,
      cache.bytes.withUnsafeBytes({ memcmp(cursor.p + start, $0.baseAddress!, count) }) == 0
    {
      cursor.i = start + count
      return cached
    }
    guard let value = try? cursor.parseValue(depth: 1), let params = try? CellParameters(json: value, family: family)
    else { return nil }
    cache.bytes = Array(UnsafeBufferPointer(start: cursor.p + start, count: cursor.i - start))
    cache.params = params
    return params
  }

  private mutating func query(values kind: RevealedValueKind) -> TaskQuery? {
    typealias Key = TaskQuery.Key
    var answer: String?, start: Int?, end: Int?, step: Int?, sinceReveal: Int?
    var candidates: [String]?, probs: [Double]?, values: [Int]?, variable: Int?
    var stringValues: [String]?, sinceWord: Int?, copy: Bool?
    // A bit per key seen (there are 16 queries a line: no set is allocated for them).
    var seen: UInt16 = 0
    let complete = object { reader, key in
      guard let known = Key(rawValue: key), let bit = Key.allCases.firstIndex(of: known) else { return false }
      guard seen & (1 << bit) == 0 else { return false }
      seen |= 1 << bit
      switch known {
      case .answer: answer = reader.string()
      case .candidates: candidates = reader.array { $0.string() }
      case .copy:
        copy = reader.boolean()
        return copy != nil
      case .end: end = reader.integer()
      case .probs: probs = reader.array { $0.number() }
      case .sinceReveal: sinceReveal = reader.integer()
      case .sinceWord:
        sinceWord = reader.integer()
        return (sinceWord ?? -1) >= 0
      case .start: start = reader.integer()
      case .step: step = reader.integer()
      case .values:
        if kind == .strings { stringValues = reader.array { $0.string() } } else { values = reader.integers() }
        return values != nil || stringValues != nil
      case .variable:
        guard let name = reader.string(), let index = VariableName.index(of: name) else { return false }
        variable = index
      }
      return true
    }
    guard complete, let answer, let start, let end, let step, let sinceReveal else { return nil }
    if let candidates, let probs, candidates.count != probs.count { return nil }
    return TaskQuery(
      start: start, end: end, answer: answer, step: step, sinceReveal: sinceReveal, candidates: candidates,
      probs: probs, variable: variable, values: values, stringValues: stringValues, sinceWord: sinceWord,
      copy: copy)
  }

  // MARK: - Grammar (nil or false: hand the line to the decoder)

  private var peek: UInt8? {
    mutating get {
      cursor.skipWhitespace()
      return cursor.i < cursor.end ? cursor.p[cursor.i] : nil
    }
  }

  private mutating func consume(_ byte: UInt8) -> Bool {
    guard peek == byte else { return false }
    cursor.i += 1
    return true
  }

  /// Reads an object, calling `member` after each key with the cursor at its value.
  private mutating func object(_ member: (inout TaskLineReader, String) -> Bool) -> Bool {
    guard consume(0x7B) else { return false }
    if consume(0x7D) { return true }
    while true {
      guard let key = string(), consume(0x3A), member(&self, key) else { return false }
      if consume(0x7D) { return true }
      guard consume(0x2C) else { return false }
    }
  }

  private mutating func array<T>(_ element: (inout TaskLineReader) -> T?) -> [T]? {
    guard consume(0x5B) else { return nil }
    var items: [T] = []
    if consume(0x5D) { return items }
    while true {
      guard let item = element(&self) else { return nil }
      items.append(item)
      if consume(0x5D) { return items }
      guard consume(0x2C) else { return nil }
    }
  }

  private mutating func string() -> String? {
    guard peek == 0x22 else { return nil }
    return try? cursor.parseString()
  }

  private mutating func integer() -> Int? {
    guard peek != nil, case .int(let value)? = try? cursor.parseNumber() else { return nil }
    return value
  }

  private mutating func number() -> Double? {
    guard peek != nil, let value = try? cursor.parseNumber() else { return nil }
    return value.doubleValue
  }

  private mutating func integers() -> [Int]? { array { $0.integer() } }

  private mutating func boolean() -> Bool? {
    switch peek {
    case UInt8(ascii: "t"): return (try? cursor.expectLiteral("true")) != nil ? true : nil
    case UInt8(ascii: "f"): return (try? cursor.expectLiteral("false")) != nil ? false : nil
    default: return nil
    }
  }
}
