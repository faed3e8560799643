/// A strict, fast RFC 8259 parser working directly on UTF-8 bytes.
///
/// Hand-written because task files and result logs are read line by line in the millions:
/// strings without escapes are found eight bytes at a time and copied in one piece.
public enum JSONParser {
  /// The deepest nesting of arrays and objects accepted; deeper input is rejected, not recursed into.
  public static let maximumDepth = 512

  /// Parses one complete JSON document (surrounding whitespace allowed, nothing else).
  ///
  /// A key repeated in one object keeps its last value, as Python's `json` does, unless
  /// `rejectingDuplicateKeys` is set (for hand-written files such as suite specs, where a
  /// repeated key is a mistake that would otherwise pass silently).
  public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONError) -> JSONValue {
    try parse(bytes, rejectingDuplicateKeys: false)
  }

  /// Parses one complete JSON document; with `rejectingDuplicateKeys`, a repeated key is an error.
  public static func parse(
    _ bytes: UnsafeRawBufferPointer, rejectingDuplicateKeys: Bool
  ) throws(JSONError) -> JSONValue {
    guard let base = bytes.baseAddress, !bytes.isEmpty else {
      throw .unexpectedEnd(expected: "a value", offset: 0)
    }
    var cursor = JSONCursor(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
    cursor.rejectsDuplicateKeys = rejectingDuplicateKeys
    return try cursor.parseDocument()
  }

  /// Parses `bytes`, refusing a key repeated in one object.
  public static func parseRejectingDuplicateKeys(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
    try bytes.withUnsafeBytes { bytes in
      Result { () throws(JSONError) in try parse(bytes, rejectingDuplicateKeys: true) }
    }.get()
  }

  /// Parses one complete JSON document from `bytes`.
  public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
    try bytes.withUnsafeBytes { parseResult($0) }.get()
  }

  /// Parses one complete JSON document from `bytes`; offsets in errors count from the slice start.
  public static func parse(_ bytes: ArraySlice<UInt8>) throws(JSONError) -> JSONValue {
    try bytes.withUnsafeBytes { parseResult($0) }.get()
  }

  /// Parses one complete JSON document from the UTF-8 of `text`.
  public static func parse(_ text: String) throws(JSONError) -> JSONValue {
    var text = text
    return try text.withUTF8 { parseResult(UnsafeRawBufferPointer($0)) }.get()
  }

  /// Bridges the typed error through the standard library's untyped `withUnsafeBytes` closures.
  private static func parseResult(_ bytes: UnsafeRawBufferPointer) -> Result<JSONValue, JSONError> {
    do throws(JSONError) {
      return .success(try parse(bytes))
    } catch {
      return .failure(error)
    }
  }
}
