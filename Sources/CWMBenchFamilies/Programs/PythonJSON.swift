import CWMBenchFormats

/// Writes strings and objects exactly as Python's `json.dumps` does with its defaults
/// (`ensure_ascii`, separators `", "` and `": "`), which is how CWM writes locals.
enum PythonJSON {
  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends `utf8` as a quoted JSON string: `\"` `\\` `\n` `\r` `\t` `\b` `\f`, every other
  /// byte outside space…`~` as `\u00XX`, and non-ASCII as `\uXXXX` (a surrogate pair above U+FFFF).
  ///
  /// - Complexity: O(bytes); printable ASCII runs are copied in one piece.
  static func appendString(_ utf8: [UInt8], to text: inout [UInt8]) {
    text.append(0x22)
    utf8.withUnsafeBufferPointer { p in
      let end = p.count
      var i = 0, runStart = 0
      while true {
        while i < end, p[i] >= 0x20, p[i] < 0x7F, p[i] != 0x22, p[i] != 0x5C { i += 1 }
        if i > runStart { text.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i])) }
        if i == end { break }
        let c = p[i]
        switch c {
        case 0x22: text += [0x5C, 0x22]
        case 0x5C: text += [0x5C, 0x5C]
        case 0x0A: text += [0x5C, UInt8(ascii: "n")]
        case 0x0D: text += [0x5C, UInt8(ascii: "r")]
        case 0x09: text += [0x5C, UInt8(ascii: "t")]
        case 0x08: text += [0x5C, UInt8(ascii: "b")]
        case 0x0C: text += [0x5C, UInt8(ascii: "f")]
        case ..<0x80:
          appendUnicodeEscape(UInt32(c), to: &text)
        default:
          // A multi-byte UTF-8 sequence (the bytes came from a decoded JSON string, so valid).
          let (scalar, length) = decodeScalar(p, at: i)
          if scalar >= 0x10000 {
            let v = scalar - 0x10000
            appendUnicodeEscape(0xD800 + (v >> 10), to: &text)
            appendUnicodeEscape(0xDC00 + (v & 0x3FF), to: &text)
          } else {
            appendUnicodeEscape(scalar, to: &text)
          }
          i += length - 1
        }
        i += 1
        runStart = i
      }
    }
    text.append(0x22)
  }

  private static func appendUnicodeEscape(_ unit: UInt32, to text: inout [UInt8]) {
    text += [0x5C, UInt8(ascii: "u")]
    for shift in stride(from: 12, through: 0, by: -4) { text.append(hex[Int((unit >> UInt32(shift)) & 0xF)]) }
  }

  private static func decodeScalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
    let lead = UInt32(p[i])
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    var scalar = lead & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
    for k in 1..<length where i + k < p.count { scalar = scalar << 6 | (UInt32(p[i + k]) & 0x3F) }
    return (scalar, length)
  }
}
