import CWMBenchCore
import CWMBenchFormats

extension TaskLineScanner {
  /// The text string: skipped, not kept; returns its decoded length in bytes.
  ///
  /// Single-character escapes decode to one byte each; a `\u` escape goes to the generic parser.
  mutating func text() throws(Unsupported) -> Int {
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
}
