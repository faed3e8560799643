import CWMBenchCore
import CWMBenchFormats
import Foundation

/// A single-pass reader for task-file lines that keeps only what a report scores with.
///
/// `TaskExample(json:)` builds a JSON tree and the example's text for every line, which made the
/// task-file pass the larger cost of a report. This scanner walks the line once, keeps the id and
/// `params` as byte ranges and each query's answer index and Bayes posterior, and checks the text
/// (a string, valid UTF-8, long enough for every span) without copying it. Anything unusual (an
/// escape in an id, a `\u` escape in the text, a repeated key, a missing field) makes it give up
/// with `Unsupported`; the caller then decodes the line generically, which names the problem.
struct TaskLineScanner {
  /// The line cannot be read by the fast path; decode it generically.
  struct Unsupported: Error {}

  /// Where the fields the caller resolves itself sit in the line.
  struct Fields {
    /// The id's bytes (it has no escapes, so they are the id).
    var id: Range<Int>
    /// The `params` object's bytes, exactly as written.
    var params: Range<Int>
    /// The task family.
    var family: any TaskFamily
    /// Its position in the registry: a one-byte tag for the cell catalog.
    var familyTag: UInt8
  }

  var cursor: JSONCursor
  /// The caller's buffers, moved in for the scan (a swap, so nothing is copied).
  var truth = TaskLineTruth()
  /// Deeper values than this in skipped fields go to the generic parser (bounded recursion).
  private static let maximumDepth = 64

  private let families: FamilyTable

  private init(_ line: UnsafeRawBufferPointer, families: FamilyTable) {
    cursor = JSONCursor(base: line.baseAddress!.assumingMemoryBound(to: UInt8.self), count: line.count)
    self.families = families
  }

  /// Reads one non-empty task line into `truth` (whose buffers are reused) and returns the id and params spans.
  static func scan(
    _ line: UnsafeRawBufferPointer, into truth: inout TaskLineTruth, families: FamilyTable
  ) throws(Unsupported) -> Fields {
    guard line.count > 0 else { throw Unsupported() }
    var scanner = TaskLineScanner(line, families: families)
    swap(&scanner.truth, &truth)
    defer { swap(&scanner.truth, &truth) }
    return try scanner.example()
  }

  // MARK: - Example

  private mutating func example() throws(Unsupported) -> Fields {
    truth.reset()
    var id: Range<Int>?
    var params: Range<Int>?
    var family: (family: any TaskFamily, tag: UInt8)?
    var textLength: Int?
    var queriesSeen = false
    var maximumEnd = 0
    var seen: UInt32 = 0
    try object { scanner, key throws(Unsupported) in
      if key != .other {
        guard seen & (1 << key.rawValue) == 0 else { throw Unsupported() }
        seen |= 1 << key.rawValue
      }
      switch key {
      case .id: id = try scanner.plainString()
      case .family:
        let range = try scanner.plainString()
        guard let index = scanner.families.entries.firstIndex(where: { scanner.equals(range, $0.word) }) else {
          throw Unsupported()
        }
        family = (scanner.families.entries[index].family, UInt8(truncatingIfNeeded: index))
      case .params:
        scanner.cursor.skipWhitespace()
        let start = scanner.cursor.i
        guard scanner.peek == UInt8(ascii: "{") else { throw Unsupported() }
        // Lines of one cell repeat their params byte for byte: a match with the last params
        // checked skips the object without reading it.
        let previous = scanner.truth.previousParams.count
        if previous > 0, start + previous <= scanner.cursor.end,
          scanner.truth.previousParams.withUnsafeBytes({ memcmp(scanner.cursor.p + start, $0.baseAddress!, previous) })
            == 0
        {
          scanner.cursor.i = start + previous
        } else {
          try scanner.skipValue(depth: 0)
          scanner.truth.previousParams.removeAll(keepingCapacity: true)
          scanner.truth.previousParams.append(
            contentsOf: UnsafeBufferPointer(start: scanner.cursor.p + start, count: scanner.cursor.i - start))
        }
        params = start..<scanner.cursor.i
      case .text: textLength = try scanner.text()
      case .initial: try scanner.initial()
      case .queries:
        queriesSeen = true
        try scanner.array { scanner throws(Unsupported) in
          maximumEnd = max(maximumEnd, try scanner.query())
        }
      default: try scanner.skipValue(depth: 0)
      }
    }
    cursor.skipWhitespace()
    guard cursor.i == cursor.end, let id, let params, let family, let textLength, queriesSeen,
      maximumEnd <= textLength, truth.structureKind == nil || truth.structureKind == family.family.valueKind
    else { throw Unsupported() }
    // Some queries with `copy` and some without: the floor needs every query's structure.
    if truth.copiesMissing && truth.structureSkipped { throw Unsupported() }
    truth.finish(hasPosteriors: family.family.hasPosteriors)
    return Fields(id: id, params: params, family: family.family, familyTag: family.tag)
  }

  /// Reads one query object, appends its truth, and returns its `end` for the span check.
  private mutating func query() throws(Unsupported) -> Int {
    var start: Int?
    var end: Int?
    var answer: Range<Int>?
    var step = false
    var sinceReveal = false
    var sinceWord = -1
    var hasCandidates = false
    var hasProbs = false
    var seen: UInt32 = 0
    var copy: Bool?
    var variable: Int?
    var values: RevealedValues?
    truth.strings.removeAll(keepingCapacity: true)
    truth.candidates.removeAll(keepingCapacity: true)
    let probsStart = truth.posteriors.count
    try object { scanner, key throws(Unsupported) in
      if key != .other {
        guard seen & (1 << key.rawValue) == 0 else { throw Unsupported() }
        seen |= 1 << key.rawValue
      }
      switch key {
      case .start: start = try scanner.integer()
      case .end: end = try scanner.integer()
      case .step:
        _ = try scanner.integer()
        step = true
      case .sinceReveal:
        _ = try scanner.integer()
        sinceReveal = true
      case .sinceWord:
        sinceWord = try scanner.integer()
        guard sinceWord >= 0 else { throw Unsupported() }
      case .answer: answer = try scanner.asciiString()
      case .variable: variable = try scanner.variable()
      case .values: values = try scanner.revealed()
      case .copy: copy = try scanner.boolean()
      case .candidates:
        if try scanner.null() { break }
        hasCandidates = true
        try scanner.array { scanner throws(Unsupported) in scanner.truth.candidates.append(try scanner.asciiString()) }
      case .probs:
        if try scanner.null() { break }
        hasProbs = true
        try scanner.array { scanner throws(Unsupported) in scanner.truth.posteriors.append(try scanner.double()) }
      default: try scanner.skipValue(depth: 0)
      }
    }
    guard let start, let end, let answer, step, sinceReveal, start >= 0, start <= end else { throw Unsupported() }
    let probCount = truth.posteriors.count - probsStart
    if hasCandidates, hasProbs, truth.candidates.count != probCount { throw Unsupported() }
    var index = -1
    if hasCandidates {
      for (offset, candidate) in truth.candidates.enumerated() where truth.same(candidate, answer) {
        index = offset
        break
      }
    }
    truth.appendQuery(answerIndex: index, posteriorStart: probsStart)
    // A query with `copy` needs no structure: the floor counts its copies (no String per query).
    if copy == nil {
      truth.appendStructure(answer: answer, variable: variable, values: values)
    } else {
      truth.structureSkipped = true
    }
    truth.appendCopy(copy)
    truth.appendSinceWord(sinceWord)
    return end
  }

  // MARK: - Grammar

  var peek: UInt8? { cursor.i < cursor.end ? cursor.p[cursor.i] : nil }

  mutating func expect(_ byte: UInt8) throws(Unsupported) {
    cursor.skipWhitespace()
    guard peek == byte else { throw Unsupported() }
    cursor.i += 1
  }

  private mutating func object(_ member: (inout TaskLineScanner, Key) throws(Unsupported) -> Void) throws(Unsupported) {
    try expect(UInt8(ascii: "{"))
    cursor.skipWhitespace()
    if peek == UInt8(ascii: "}") {
      cursor.i += 1
      return
    }
    while true {
      let name = try plainString()
      try expect(UInt8(ascii: ":"))
      cursor.skipWhitespace()
      try member(&self, key(name))
      cursor.skipWhitespace()
      guard let next = peek else { throw Unsupported() }
      cursor.i += 1
      if next == UInt8(ascii: "}") { return }
      guard next == UInt8(ascii: ",") else { throw Unsupported() }
    }
  }

  mutating func array(_ element: (inout TaskLineScanner) throws(Unsupported) -> Void) throws(Unsupported) {
    try expect(UInt8(ascii: "["))
    cursor.skipWhitespace()
    if peek == UInt8(ascii: "]") {
      cursor.i += 1
      return
    }
    while true {
      cursor.skipWhitespace()
      try element(&self)
      cursor.skipWhitespace()
      guard let next = peek else { throw Unsupported() }
      cursor.i += 1
      if next == UInt8(ascii: "]") { return }
      guard next == UInt8(ascii: ",") else { throw Unsupported() }
    }
  }

  private func key(_ range: Range<Int>) -> Key {
    guard range.count < Self.keysByLength.count else { return .other }
    for entry in Self.keysByLength[range.count] where equals(range, entry.word) { return entry.key }
    return .other
  }

  private func equals(_ range: Range<Int>, _ word: [UInt8]) -> Bool {
    range.count == word.count
      && word.withUnsafeBufferPointer { memcmp(cursor.p + range.lowerBound, $0.baseAddress!, range.count) == 0 }
  }

  /// A string without escapes, as the span of its bytes (checked to be UTF-8).
  mutating func plainString() throws(Unsupported) -> Range<Int> {
    try expect(UInt8(ascii: "\""))
    let start = cursor.i
    cursor.scanPlainRun()
    guard peek == UInt8(ascii: "\"") else { throw Unsupported() }
    let range = start..<cursor.i
    cursor.i += 1
    guard isValidUTF8(cursor.p + start, count: range.count) else { throw Unsupported() }
    return range
  }

  /// An ASCII string, decoded into `truth.strings`; returns its span there.
  ///
  /// Swift compares strings by canonical equivalence, which bytes only match for ASCII; `\u`
  /// escapes are left to the generic parser.
  mutating func asciiString() throws(Unsupported) -> Range<Int> {
    try expect(UInt8(ascii: "\""))
    let begin = truth.strings.count
    while true {
      let start = cursor.i
      cursor.scanPlainRun()
      truth.strings.append(contentsOf: UnsafeBufferPointer(start: cursor.p + start, count: cursor.i - start))
      guard let byte = peek else { throw Unsupported() }
      if byte == UInt8(ascii: "\"") {
        cursor.i += 1
        break
      }
      guard byte == UInt8(ascii: "\\"), cursor.i + 1 < cursor.end else { throw Unsupported() }
      let decoded: UInt8
      switch cursor.p[cursor.i + 1] {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = cursor.p[cursor.i + 1]
      case UInt8(ascii: "n"): decoded = 0x0A
      case UInt8(ascii: "t"): decoded = 0x09
      case UInt8(ascii: "r"): decoded = 0x0D
      case UInt8(ascii: "b"): decoded = 0x08
      case UInt8(ascii: "f"): decoded = 0x0C
      default: throw Unsupported()
      }
      truth.strings.append(decoded)
      cursor.i += 2
    }
    for offset in begin..<truth.strings.count where truth.strings[offset] >= 0x80 { throw Unsupported() }
    return begin..<truth.strings.count
  }

  /// The text string: skipped, not kept; returns its decoded length in bytes.
  ///
  /// Single-character escapes decode to one byte each; a `\u` escape goes to the generic parser.
  private mutating func text() throws(Unsupported) -> Int {
    try expect(UInt8(ascii: "\""))
    let start = cursor.i
    var escapes = 0
    while true {
      cursor.scanPlainRun()
      guard let byte = peek else { throw Unsupported() }
      if byte == UInt8(ascii: "\"") { break }
      guard byte == UInt8(ascii: "\\"), cursor.i + 1 < cursor.end else { throw Unsupported() }
      switch cursor.p[cursor.i + 1] {
      case UInt8(ascii: "n"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "t"),
        UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "f"):
        escapes += 1
        cursor.i += 2
      default: throw Unsupported()
      }
    }
    let rawLength = cursor.i - start
    cursor.i += 1
    guard isValidUTF8(cursor.p + start, count: rawLength) else { throw Unsupported() }
    return rawLength - escapes
  }

  /// Consumes `null` and returns true, or consumes nothing and returns false.
  private mutating func null() throws(Unsupported) -> Bool {
    cursor.skipWhitespace()
    guard peek == UInt8(ascii: "n") else { return false }
    do { try cursor.expectLiteral("null") } catch { throw Unsupported() }
    return true
  }

  private mutating func number() throws(Unsupported) -> JSONValue {
    cursor.skipWhitespace()
    guard let first = peek, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else { throw Unsupported() }
    do { return try cursor.parseNumber() } catch { throw Unsupported() }
  }

  /// An integer with `JSONValue.intValue`'s rules, as the generic decoder reads it.
  mutating func integer() throws(Unsupported) -> Int {
    guard let value = try number().intValue else { throw Unsupported() }
    return value
  }

  /// `true` or `false`.
  private mutating func boolean() throws(Unsupported) -> Bool {
    cursor.skipWhitespace()
    let value = peek == UInt8(ascii: "t")
    do { try cursor.expectLiteral(value ? "true" : "false") } catch { throw Unsupported() }
    return value
  }

  private mutating func double() throws(Unsupported) -> Double {
    guard let value = try number().doubleValue else { throw Unsupported() }
    return value
  }

  /// Skips a string at the cursor without building it, unless it has escapes (then the generic parser checks it).
  private mutating func skipString() throws(Unsupported) {
    let quote = cursor.i
    cursor.i += 1
    cursor.scanPlainRun()
    if peek == UInt8(ascii: "\""), isValidUTF8(cursor.p + quote + 1, count: cursor.i - quote - 1) {
      cursor.i += 1
      return
    }
    cursor.i = quote
    do { _ = try cursor.parseString() } catch { throw Unsupported() }
  }

  /// Skips any value, checking its syntax with the generic parser's own primitives.
  private mutating func skipValue(depth: Int) throws(Unsupported) {
    guard depth < TaskLineScanner.maximumDepth else { throw Unsupported() }
    cursor.skipWhitespace()
    guard let first = peek else { throw Unsupported() }
    switch first {
    case UInt8(ascii: "\""):
      try skipString()
    case UInt8(ascii: "{"):
      cursor.i += 1
      cursor.skipWhitespace()
      if peek == UInt8(ascii: "}") {
        cursor.i += 1
        return
      }
      while true {
        cursor.skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { throw Unsupported() }
        try skipString()
        try expect(UInt8(ascii: ":"))
        try skipValue(depth: depth + 1)
        cursor.skipWhitespace()
        guard let next = peek else { throw Unsupported() }
        cursor.i += 1
        if next == UInt8(ascii: "}") { return }
        guard next == UInt8(ascii: ",") else { throw Unsupported() }
      }
    case UInt8(ascii: "["):
      try array { scanner throws(Unsupported) in try scanner.skipValue(depth: depth + 1) }
    case UInt8(ascii: "t"):
      do { try cursor.expectLiteral("true") } catch { throw Unsupported() }
    case UInt8(ascii: "f"):
      do { try cursor.expectLiteral("false") } catch { throw Unsupported() }
    case UInt8(ascii: "n"):
      do { try cursor.expectLiteral("null") } catch { throw Unsupported() }
    default:
      _ = try number()
    }
  }
}
