// ASCII codes used by the grammar.
private let quote: UInt8 = 0x22
private let backslash: UInt8 = 0x5C
private let slash: UInt8 = 0x2F
private let comma: UInt8 = 0x2C
private let colon: UInt8 = 0x3A
private let minus: UInt8 = 0x2D
private let zero: UInt8 = 0x30
private let openBrace: UInt8 = 0x7B
private let closeBrace: UInt8 = 0x7D
private let openBracket: UInt8 = 0x5B
private let closeBracket: UInt8 = 0x5D

/// The parse state: a position in a borrowed byte buffer plus scratch space for escaped strings.
///
/// Public so that a format's fast scanner (the task-line read path) can walk a line with the
/// same grammar as `JSONParser` instead of keeping a second one.
public struct JSONCursor {
  public let p: UnsafePointer<UInt8>
  public let end: Int
  public var i = 0
  var scratch: [UInt8] = []
  /// Elements of the arrays and objects being parsed, so each container is allocated once at its
  /// final size instead of growing element by element.
  var values: [JSONValue] = []
  /// Keys of the objects being parsed, parallel to the tail of `values`.
  var keys: [String] = []
  /// Whether a key repeated in one object is an error instead of keeping its last value.
  public var rejectsDuplicateKeys = false

  public init(base: UnsafePointer<UInt8>, count: Int) {
    p = base
    end = count
  }

  public mutating func parseDocument() throws(JSONError) -> JSONValue {
    skipWhitespace()
    let value = try parseValue(depth: 0)
    skipWhitespace()
    if i != end { throw .trailingCharacters(offset: i) }
    return value
  }

  @inline(__always)
  public mutating func skipWhitespace() {
    while i < end {
      let c = p[i]
      guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
      i += 1
    }
  }

  /// The error for a missing `expected` at the current position.
  func failure(_ expected: String) -> JSONError {
    i < end ? .unexpectedCharacter(expected: expected, offset: i) : .unexpectedEnd(expected: expected, offset: i)
  }

  public mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
    guard i < end else { throw .unexpectedEnd(expected: "a value", offset: i) }
    switch p[i] {
    case quote: return .string(try parseString())
    case openBrace: return try parseObject(depth: depth + 1)
    case openBracket: return try parseArray(depth: depth + 1)
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    case minus, zero...0x39:
      return try parseNumber()
    default:
      throw .unexpectedCharacter(expected: "a value", offset: i)
    }
  }

  public mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
    let count = literal.utf8CodeUnitCount
    let bytes = literal.utf8Start
    for k in 0..<count {
      guard i + k < end else { throw .unexpectedEnd(expected: "'\(literal)'", offset: i) }
      guard p[i + k] == bytes[k] else { throw .unexpectedCharacter(expected: "a value", offset: i) }
    }
    i += count
  }

  mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
    if depth > JSONParser.maximumDepth { throw .nestingTooDeep(limit: JSONParser.maximumDepth, offset: i) }
    i += 1
    skipWhitespace()
    if i < end && p[i] == closeBracket {
      i += 1
      return .array([])
    }
    let base = values.count
    while true {
      let element = try parseValue(depth: depth)
      values.append(element)
      skipWhitespace()
      guard i < end else { throw .unexpectedEnd(expected: "',' or ']'", offset: i) }
      let c = p[i]
      i += 1
      if c == comma {
        skipWhitespace()
      } else if c == closeBracket {
        let elements = Array(values[base...])
        values.removeSubrange(base...)
        return .array(elements)
      } else {
        throw .unexpectedCharacter(expected: "',' or ']'", offset: i - 1)
      }
    }
  }

  mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
    if depth > JSONParser.maximumDepth { throw .nestingTooDeep(limit: JSONParser.maximumDepth, offset: i) }
    i += 1
    skipWhitespace()
    if i < end && p[i] == closeBrace {
      i += 1
      return .object([:])
    }
    let base = values.count
    while true {
      guard i < end, p[i] == quote else { throw failure("'\"'") }
      let keyOffset = i
      let key = try parseString()
      if rejectsDuplicateKeys, keys[(keys.count - (values.count - base))...].contains(key) {
        throw .duplicateKey(key, offset: keyOffset)
      }
      skipWhitespace()
      guard i < end, p[i] == colon else { throw failure("':'") }
      i += 1
      skipWhitespace()
      let value = try parseValue(depth: depth)
      keys.append(key)
      values.append(value)
      skipWhitespace()
      guard i < end else { throw .unexpectedEnd(expected: "',' or '}'", offset: i) }
      let c = p[i]
      i += 1
      if c == comma {
        skipWhitespace()
      } else if c == closeBrace {
        let count = values.count - base
        let keyBase = keys.count - count
        var members = [String: JSONValue](minimumCapacity: count)
        for k in 0..<count {
          // Like Python's json module, a repeated key keeps its last value.
          members[keys[keyBase + k]] = values[base + k]
        }
        keys.removeSubrange(keyBase...)
        values.removeSubrange(base...)
        return .object(members)
      } else {
        throw .unexpectedCharacter(expected: "',' or '}'", offset: i - 1)
      }
    }
  }

  // MARK: Strings

  /// Advances `i` to the first quote, backslash or control byte at or after it (or to `end`).
  @inline(__always)
  public mutating func scanPlainRun() {
    // Eight bytes at a time: flags any byte that is '"', '\\' or below 0x20 (exact, no false positives).
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let raw = UnsafeRawPointer(p)
    while i + 8 <= end {
      let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let quotes = word ^ (ones &* UInt64(quote))
      let slashes = word ^ (ones &* UInt64(backslash))
      let special =
        ((quotes &- ones) & ~quotes) | ((slashes &- ones) & ~slashes) | ((word &- ones &* 0x20) & ~word)
      if special & highs != 0 { break }
      i += 8
    }
    while i < end {
      let c = p[i]
      if c == quote || c == backslash || c < 0x20 { return }
      i += 1
    }
  }

  /// Parses a string whose opening quote is at `i`.
  public mutating func parseString() throws(JSONError) -> String {
    i += 1
    let start = i
    scanPlainRun()
    guard i < end else { throw .unexpectedEnd(expected: "'\"'", offset: i) }
    let c = p[i]
    if c == quote {
      i += 1
      return try makeString(p + start, count: i - 1 - start, offset: start)
    }
    if c < 0x20 { throw .controlCharacter(offset: i) }
    return try parseEscapedString(from: start)
  }

  /// The slow path: a string with escapes, assembled in `scratch`; `i` is at the first backslash.
  mutating func parseEscapedString(from start: Int) throws(JSONError) -> String {
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
    while true {
      guard i < end else { throw .unexpectedEnd(expected: "'\"'", offset: i) }
      let c = p[i]
      if c == quote {
        i += 1
        return try scratch.withUnsafeBufferPointer { buffer throws(JSONError) in
          try makeString(buffer.baseAddress!, count: buffer.count, offset: start)
        }
      }
      if c < 0x20 { throw .controlCharacter(offset: i) }
      // c is a backslash.
      let escapeOffset = i
      guard i + 1 < end else { throw .unexpectedEnd(expected: "an escape", offset: i + 1) }
      let e = p[i + 1]
      i += 2
      switch e {
      case quote, backslash, slash: scratch.append(e)
      case UInt8(ascii: "b"): scratch.append(0x08)
      case UInt8(ascii: "f"): scratch.append(0x0C)
      case UInt8(ascii: "n"): scratch.append(0x0A)
      case UInt8(ascii: "r"): scratch.append(0x0D)
      case UInt8(ascii: "t"): scratch.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try readHex4(escapeOffset: escapeOffset)
        if scalar >= 0xD800 && scalar < 0xDC00 {
          guard i + 1 < end, p[i] == backslash, p[i + 1] == UInt8(ascii: "u") else {
            throw .unpairedSurrogate(offset: escapeOffset)
          }
          i += 2
          let low = try readHex4(escapeOffset: i - 2)
          guard low >= 0xDC00 && low < 0xE000 else { throw .unpairedSurrogate(offset: escapeOffset) }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if scalar >= 0xDC00 && scalar < 0xE000 {
          throw .unpairedSurrogate(offset: escapeOffset)
        }
        appendUTF8(scalar)
      default:
        throw .invalidEscape(offset: escapeOffset)
      }
      let runStart = i
      scanPlainRun()
      if i > runStart {
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: i - runStart))
      }
    }
  }

  /// Reads the four hex digits after a `\u` (at `i`), advancing past them.
  mutating func readHex4(escapeOffset: Int) throws(JSONError) -> UInt32 {
    guard i + 4 <= end else { throw .invalidEscape(offset: escapeOffset) }
    var value: UInt32 = 0
    for k in 0..<4 {
      let c = p[i + k]
      let digit: UInt8
      switch c {
      case 0x30...0x39: digit = c &- 0x30
      case 0x41...0x46: digit = c &- 0x41 &+ 10
      case 0x61...0x66: digit = c &- 0x61 &+ 10
      default: throw .invalidEscape(offset: escapeOffset)
      }
      value = value << 4 | UInt32(digit)
    }
    i += 4
    return value
  }

  mutating func appendUTF8(_ scalar: UInt32) {
    switch scalar {
    case 0..<0x80:
      scratch.append(UInt8(scalar))
    case 0x80..<0x800:
      scratch.append(UInt8(0xC0 | (scalar >> 6)))
      scratch.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
      scratch.append(UInt8(0xE0 | (scalar >> 12)))
      scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      scratch.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
      scratch.append(UInt8(0xF0 | (scalar >> 18)))
      scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
      scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      scratch.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }

  /// A `String` from bytes checked here, so the standard library's unspecialised validating
  /// initialiser (which dominated profiles through generic-metadata lookups) is never needed.
  func makeString(_ start: UnsafePointer<UInt8>, count: Int, offset: Int) throws(JSONError) -> String {
    guard isValidUTF8(start, count: count) else { throw .invalidUTF8(offset: offset) }
    return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
  }

}
