/// Why a JSON document could not be parsed; every case carries the byte offset of the problem.
public enum JSONError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A byte other than what the grammar allows here; `expected` reads like "',' or '}'".
  case unexpectedCharacter(expected: String, offset: Int)
  /// The input ended inside a value.
  case unexpectedEnd(expected: String, offset: Int)
  /// A number that breaks the JSON grammar (leading zeros, a bare '-', `NaN`, …).
  case invalidNumber(offset: Int)
  /// A backslash escape that JSON does not define, or a malformed `\u` escape.
  case invalidEscape(offset: Int)
  /// A `\u` escape naming half of a surrogate pair without the other half.
  case unpairedSurrogate(offset: Int)
  /// A raw control character (below U+0020) inside a string.
  case controlCharacter(offset: Int)
  /// String content that is not valid UTF-8.
  case invalidUTF8(offset: Int)
  /// Arrays and objects nested deeper than `limit`.
  case nestingTooDeep(limit: Int, offset: Int)
  /// Anything but whitespace after the top-level value.
  case trailingCharacters(offset: Int)
  /// A key repeated in one object, where the caller asked for unique keys (suite specs).
  case duplicateKey(String, offset: Int)

  /// The byte offset of the problem in the input.
  public var offset: Int {
    switch self {
    case .unexpectedCharacter(_, let offset), .unexpectedEnd(_, let offset), .invalidNumber(let offset),
      .invalidEscape(let offset), .unpairedSurrogate(let offset), .controlCharacter(let offset),
      .invalidUTF8(let offset), .nestingTooDeep(_, let offset), .trailingCharacters(let offset),
      .duplicateKey(_, let offset):
      return offset
    }
  }

  /// The message shown to the user: lowercase, ending with the byte offset.
  public var description: String {
    switch self {
    case .unexpectedCharacter(let expected, let offset):
      return "expected \(expected) at offset \(offset)"
    case .unexpectedEnd(let expected, let offset):
      return "unexpected end of input, expected \(expected) at offset \(offset)"
    case .invalidNumber(let offset):
      return "invalid number at offset \(offset)"
    case .invalidEscape(let offset):
      return "invalid escape at offset \(offset)"
    case .unpairedSurrogate(let offset):
      return "unpaired surrogate in '\\u' escape at offset \(offset)"
    case .controlCharacter(let offset):
      return "unescaped control character in string at offset \(offset)"
    case .invalidUTF8(let offset):
      return "invalid utf-8 in string at offset \(offset)"
    case .nestingTooDeep(let limit, let offset):
      return "nesting deeper than \(limit) at offset \(offset)"
    case .trailingCharacters(let offset):
      return "unexpected character after the value at offset \(offset)"
    case .duplicateKey(let key, let offset):
      return "key '\(key)' appears twice in one object at offset \(offset)"
    }
  }
}
