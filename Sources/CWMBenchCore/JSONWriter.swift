#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes compact JSON into a byte buffer: sorted keys, locale-free numbers, deterministic bytes.
///
/// The output matches Python's `json.dumps(value, sort_keys=True, separators=(",", ":"),
/// ensure_ascii=False)` for the same value, so files can be checked or rebuilt from Python.
public struct JSONWriter: Sendable {
  /// The UTF-8 output so far.
  public var bytes: [UInt8]

  /// Creates a writer with an empty buffer that has room for `capacity` bytes.
  public init(capacity: Int = 0) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  /// Appends `value` compactly, object keys sorted by their UTF-8 bytes.
  public mutating func write(_ value: JSONValue) {
    switch value {
    case .null: writeRaw("null")
    case .bool(let flag): writeRaw(flag ? "true" : "false")
    case .int(let number): writeInt(number)
    case .double(let number): writeDouble(number)
    case .string(let text): writeString(text)
    case .array(let elements):
      bytes.append(0x5B)
      for (index, element) in elements.enumerated() {
        if index > 0 { bytes.append(0x2C) }
        write(element)
      }
      bytes.append(0x5D)
    case .object(let members):
      bytes.append(0x7B)
      for (index, key) in JSONWriter.sortedKeys(members).enumerated() {
        if index > 0 { bytes.append(0x2C) }
        writeString(key)
        bytes.append(0x3A)
        write(members[key]!)
      }
      bytes.append(0x7D)
    }
  }

  /// The keys of `members` in UTF-8 byte order (the same as code point order).
  static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
    members.keys.sorted(by: utf8Precedes)
  }

  /// Byte-wise order of two strings' UTF-8, which is also code point order.
  static func utf8Precedes(_ lhs: String, _ rhs: String) -> Bool {
    var lhs = lhs, rhs = rhs
    return lhs.withUTF8 { l in
      rhs.withUTF8 { r in
        let common = min(l.count, r.count)
        if common > 0 {
          let order = memcmp(l.baseAddress!, r.baseAddress!, common)
          if order != 0 { return order < 0 }
        }
        return l.count < r.count
      }
    }
  }

  /// Appends `text` quoted and escaped.
  public mutating func writeString(_ text: String) {
    var text = text
    text.withUTF8 { writeString(utf8: UnsafeRawBufferPointer($0)) }
  }

  /// Appends the UTF-8 in `utf8` quoted and escaped; the bytes are trusted to be valid UTF-8.
  public mutating func writeString(utf8: UnsafeRawBufferPointer) {
    // One growth check for the common case of few escapes, instead of one per copied run.
    // `reserveCapacity` allocates exactly what it is asked for, so ask for double: calling
    // it with small increments would otherwise copy the whole buffer on every string.
    let needed = bytes.count + utf8.count + 16
    if bytes.capacity < needed { bytes.reserveCapacity(max(needed, 2 * bytes.capacity)) }
    bytes.append(0x22)
    guard let base = utf8.baseAddress, !utf8.isEmpty else {
      bytes.append(0x22)
      return
    }
    let p = base.assumingMemoryBound(to: UInt8.self)
    let end = utf8.count
    var runStart = 0
    var i = 0
    while true {
      // Find the next byte needing an escape; everything before it is copied in one piece.
      while i < end {
        let c = p[i]
        if c < 0x20 || c == 0x22 || c == 0x5C { break }
        i += 1
      }
      if i > runStart {
        bytes.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: i - runStart))
      }
      if i == end { break }
      appendEscape(p[i])
      i += 1
      runStart = i
    }
    bytes.append(0x22)
  }

  mutating func appendEscape(_ c: UInt8) {
    bytes.append(0x5C)
    switch c {
    case 0x22: bytes.append(0x22)
    case 0x5C: bytes.append(0x5C)
    case 0x0A: bytes.append(UInt8(ascii: "n"))
    case 0x09: bytes.append(UInt8(ascii: "t"))
    case 0x0D: bytes.append(UInt8(ascii: "r"))
    case 0x08: bytes.append(UInt8(ascii: "b"))
    case 0x0C: bytes.append(UInt8(ascii: "f"))
    default:
      let hex: StaticString = "0123456789abcdef"
      bytes.append(UInt8(ascii: "u"))
      bytes.append(0x30)
      bytes.append(0x30)
      bytes.append(hex.utf8Start[Int(c >> 4)])
      bytes.append(hex.utf8Start[Int(c & 0xF)])
    }
  }

  /// Appends `value` in decimal.
  public mutating func writeInt(_ value: Int) {
    if value >= 0 && value < 10 {
      bytes.append(0x30 &+ UInt8(value))
      return
    }
    if value < 0 { bytes.append(0x2D) }
    var magnitude = value.magnitude
    // 20 digits hold any UInt64; fill from the right, then copy.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var k = 20
      repeat {
        k -= 1
        digits[k] = 0x30 &+ UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude != 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[k..<20]))
    }
  }

  /// Appends `value` as the shortest text that reads back to the same double.
  ///
  /// Integral values keep a `.0` (`3.0`) so readers keep them as floats; `-0.0` is written `0.0`
  /// so equal scores never differ in bytes; NaN and infinities (not JSON) are written `null`.
  public mutating func writeDouble(_ value: Double) {
    guard value.isFinite else {
      writeRaw("null")
      return
    }
    if value == 0 {
      writeRaw("0.0")
      return
    }
    // Swift's description is the shortest round-trip form, independent of the C locale.
    writeRaw(value.description)
  }

  /// Appends `{"key":` for an object's first key, else `,"key":`.
  ///
  /// Formats spell their keys once, as the raw values of a `Key` enum, and write them through
  /// this in sorted order; keys are plain ASCII names, so they need no escaping.
  public mutating func writeKey<Key: RawRepresentable>(_ key: Key, first: Bool = false) where Key.RawValue == String {
    bytes.append(first ? 0x7B : 0x2C)
    bytes.append(0x22)
    writeRaw(key.rawValue)
    bytes.append(0x22)
    bytes.append(0x3A)
  }

  /// Appends `text` as is (it must already be JSON).
  public mutating func writeRaw(_ text: StaticString) {
    bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Appends `text` as is (it must already be JSON).
  public mutating func writeRaw(_ text: String) {
    var text = text
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }

  /// The JSON text of `value`: compact, or with `pretty` 2-space indented with a trailing newline.
  public static func encode(_ value: JSONValue, pretty: Bool = false) -> String {
    var writer = JSONWriter()
    if pretty {
      writer.writePretty(value, indent: 0)
      writer.bytes.append(0x0A)
    } else {
      writer.write(value)
    }
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  /// Appends `value` indented like Python's `json.dumps(value, indent=2, sort_keys=True)`.
  mutating func writePretty(_ value: JSONValue, indent: Int) {
    switch value {
    case .array(let elements) where !elements.isEmpty:
      bytes.append(0x5B)
      for (index, element) in elements.enumerated() {
        if index > 0 { bytes.append(0x2C) }
        newline(indent: indent + 1)
        writePretty(element, indent: indent + 1)
      }
      newline(indent: indent)
      bytes.append(0x5D)
    case .object(let members) where !members.isEmpty:
      bytes.append(0x7B)
      for (index, key) in JSONWriter.sortedKeys(members).enumerated() {
        if index > 0 { bytes.append(0x2C) }
        newline(indent: indent + 1)
        writeString(key)
        bytes.append(0x3A)
        bytes.append(0x20)
        writePretty(members[key]!, indent: indent + 1)
      }
      newline(indent: indent)
      bytes.append(0x7D)
    default:
      write(value)
    }
  }

  mutating func newline(indent: Int) {
    bytes.append(0x0A)
    bytes.append(contentsOf: repeatElement(0x20, count: 2 * indent))
  }
}
