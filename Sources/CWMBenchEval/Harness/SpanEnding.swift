/// The text that ends a span in a trace: what the rendering puts right after the answer.
///
/// In `score` mode a span is greedy-correct only when greedy decoding writes the answer and
/// then this text (docs/protocol.md, "Answers that end"). It is read from the trace itself:
/// the bytes after the span through the first newline (a REPL output line's newline, the
/// `.` and newline of `nl`), through the `|>` that closes a special token, or through the first
/// `"` (the closing quote of a `cwm` value, whose span is the text between its quotes: the next
/// local's name and value must not be asked), at most `maxBytes` bytes and never a partial
/// character.
/// A span that ends the trace has an empty ending, which asks nothing more.
enum SpanEnding {
  /// The longest ending, in UTF-8 bytes.
  static let maxBytes = 16

  /// The ending of a span that ends at byte `end` of `text`.
  static func text(after end: Int, in text: String) -> String {
    var bytes: [UInt8] = []
    var iterator = text.utf8.dropFirst(end).makeIterator()
    while bytes.count < maxBytes, let byte = iterator.next() {
      bytes.append(byte)
      if byte == 0x0A || byte == 0x22 { break }
      if bytes.count >= 2, bytes.suffix(2) == [0x7C, 0x3E] { break }  // "|>" closes a special token
    }
    // Cut at the limit: drop a character whose bytes did not all fit.
    if bytes.count == maxBytes, let next = iterator.next(), next & 0xC0 == 0x80 {
      while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
      if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The ending of each of `spans` (UTF-8 byte ranges of `text`), in order.
  static func texts(of spans: [Range<Int>], in text: String) -> [String] {
    spans.map { Self.text(after: $0.upperBound, in: text) }
  }
}
