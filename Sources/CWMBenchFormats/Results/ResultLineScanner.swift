import CWMBenchCore

/// A single-pass reader for `results.jsonl` lines that builds no JSON tree.
///
/// The generic `JSONParser` allocates a dictionary per query, which caps reading at tens of MB/s;
/// a report reads millions of queries, so this scanner pulls out just the fields the report uses
/// and skips the rest. Anything it does not expect (an odd type, a missing field, a syntax error)
/// makes it give up with `Unsupported`, and `ResultRecord.read` falls back to `JSONParser` and
/// the decoder, which name the exact problem.
struct ResultLineScanner {

  /// The line cannot be read by the fast path; use the generic parser.
  struct Unsupported: Error {}

  private let bytes: UnsafeRawBufferPointer
  private var index = 0
  private var depth = 0
  /// Deeper values than this in skipped fields go to the generic parser (bounded recursion).
  private static let maximumDepth = 64

  private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  /// Reads one result line with every required field present.
  static func scan(_ bytes: UnsafeRawBufferPointer) throws(Unsupported) -> ResultRecord {
    var scanner = ResultLineScanner(bytes)
    return try scanner.record()
  }

  private mutating func record() throws(Unsupported) -> ResultRecord {
    typealias Key = ResultRecord.Key
    var id: String?
    var model: String?
    var mode: EvalMode?
    var queries: [QueryResult]?
    var error: String?
    var shots: [String]?
    try object { scanner, key throws(Unsupported) in
      switch Key(rawValue: key) {
      case .id: id = try scanner.string()
      case .model: model = try scanner.string()
      case .mode:
        guard let parsed = EvalMode(rawValue: try scanner.string()) else { throw Unsupported() }
        mode = parsed
      case .error:
        if try scanner.null() { error = nil } else { error = try scanner.string() }
      case .queries:
        var list: [QueryResult] = []
        try scanner.array { scanner throws(Unsupported) in list.append(try scanner.query()) }
        queries = list
      case .shots:
        if try scanner.null() { break }
        var list: [String] = []
        try scanner.array { scanner throws(Unsupported) in list.append(try scanner.string()) }
        shots = list
      case nil: try scanner.skipValue()
      }
    }
    skipWhitespace()
    guard index == bytes.count, let id, let model, let mode, let queries else { throw Unsupported() }
    var record = ResultRecord(id: id, model: model, mode: mode, queries: queries, error: error)
    record.shots = shots
    return record
  }

  private mutating func query() throws(Unsupported) -> QueryResult {
    var correct: Bool?
    var logprob: Double?
    var predicted: String?
    var probs: [Double]?
    var tokens: Int?
    var raw: String?
    try object { scanner, key throws(Unsupported) in
      switch QueryResult.Key(rawValue: key) {
      case .correct: correct = try scanner.bool()
      case .logprob: logprob = try scanner.null() ? nil : try scanner.number()
      case .predicted: predicted = try scanner.null() ? nil : try scanner.string()
      case .raw: raw = try scanner.null() ? nil : try scanner.string()
      case .probs:
        if try scanner.null() {
          probs = nil
        } else {
          var values: [Double] = []
          try scanner.array { scanner throws(Unsupported) in values.append(try scanner.number()) }
          probs = values
        }
      case .tokens:
        if try scanner.null() { break }
        // Token counts are whole numbers; anything else goes to the decoder.
        let value = try scanner.number()
        guard value >= 0, value == value.rounded(), value < 1e15 else { throw Unsupported() }
        tokens = Int(value)
      case nil: try scanner.skipValue()
      }
    }
    guard let correct else { throw Unsupported() }
    var result = QueryResult(correct: correct, logprob: logprob, predicted: predicted, probs: probs, tokens: tokens)
    result.raw = raw
    return result
  }

  // MARK: - Grammar

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private mutating func expect(_ byte: UInt8) throws(Unsupported) {
    skipWhitespace()
    guard current == byte else { throw Unsupported() }
    index += 1
  }

  private mutating func object(_ member: (inout ResultLineScanner, String) throws(Unsupported) -> Void)
    throws(Unsupported)
  {
    try expect(UInt8(ascii: "{"))
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      index += 1
      return
    }
    while true {
      let key = try string()
      try expect(UInt8(ascii: ":"))
      try member(&self, key)
      skipWhitespace()
      guard let next = current else { throw Unsupported() }
      index += 1
      if next == UInt8(ascii: "}") { return }
      guard next == UInt8(ascii: ",") else { throw Unsupported() }
    }
  }

  private mutating func array(_ element: (inout ResultLineScanner) throws(Unsupported) -> Void) throws(Unsupported) {
    try expect(UInt8(ascii: "["))
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      index += 1
      return
    }
    while true {
      try element(&self)
      skipWhitespace()
      guard let next = current else { throw Unsupported() }
      index += 1
      if next == UInt8(ascii: "]") { return }
      guard next == UInt8(ascii: ",") else { throw Unsupported() }
    }
  }

  /// Consumes `null` and returns true, or consumes nothing and returns false.
  private mutating func null() throws(Unsupported) -> Bool {
    skipWhitespace()
    guard current == UInt8(ascii: "n") else { return false }
    try literal("null")
    return true
  }

  private mutating func bool() throws(Unsupported) -> Bool {
    skipWhitespace()
    if current == UInt8(ascii: "t") {
      try literal("true")
      return true
    }
    try literal("false")
    return false
  }

  private mutating func literal(_ word: StaticString) throws(Unsupported) {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw Unsupported() }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Unsupported() }
    index += count
  }

  /// A number by JSON's grammar, through the same `JSONCursor.parseNumber` as `JSONParser`:
  /// `strtod` also read `-.5`, `+1` or `01`, so `report` accepted lines eval's resume refused.
  private mutating func number() throws(Unsupported) -> Double {
    skipWhitespace()
    guard let first = current, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
      throw Unsupported()
    }
    let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + index
    var cursor = JSONCursor(base: base, count: bytes.count - index)
    let value: JSONValue
    do { value = try cursor.parseNumber() } catch { throw Unsupported() }
    index += cursor.i
    // -1e999 (how results.jsonl spells −∞) reads as −∞, as the generic parser reads it.
    guard let number = value.doubleValue, !number.isNaN else { throw Unsupported() }
    return number
  }

  /// A string without escapes. Escapes are rare in result lines (a model answer with a quote, an
  /// error message), so a line that has one goes to `JSONParser`, which decodes them all; this
  /// scanner does not keep a second copy of that logic.
  private mutating func string() throws(Unsupported) -> String {
    try expect(UInt8(ascii: "\""))
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        index += 1
        return text
      }
      guard byte >= 0x20, byte != UInt8(ascii: "\\") else { throw Unsupported() }
      index += 1
    }
    throw Unsupported()
  }

  private mutating func skipValue() throws(Unsupported) {
    depth += 1
    defer { depth -= 1 }
    guard depth <= ResultLineScanner.maximumDepth else { throw Unsupported() }
    skipWhitespace()
    guard let first = current else { throw Unsupported() }
    switch first {
    case UInt8(ascii: "\""): _ = try string()
    case UInt8(ascii: "{"): try object { scanner, _ throws(Unsupported) in try scanner.skipValue() }
    case UInt8(ascii: "["): try array { scanner throws(Unsupported) in try scanner.skipValue() }
    case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
    case UInt8(ascii: "n"): _ = try null()
    default: _ = try number()
    }
  }
}
