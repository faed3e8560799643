import CWMBenchCore
import CWMBenchFormats

/// Splits a byte stream that arrives in arbitrary chunks into `\n`-terminated lines.
///
/// Pipes deliver whatever the writer flushed, so one read may hold half a line or hundreds;
/// the splitter keeps the unfinished tail until its newline arrives.
struct LineSplitter: Sendable {
  /// Bytes after the last newline seen.
  private var tail: [UInt8] = []

  /// Creates an empty splitter.
  init() {}

  /// Feeds `chunk` and calls `body` with every line it completes, without the `\n` (and a `\r` before it).
  mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (ArraySlice<UInt8>) -> Void) {
    var lineStart = 0
    for index in chunk.indices where chunk[index] == 0x0A {
      if tail.isEmpty {
        body(Self.trimmed(ArraySlice(chunk[lineStart..<index])))
      } else {
        tail.append(contentsOf: chunk[lineStart..<index])
        body(Self.trimmed(tail[...]))
        tail.removeAll(keepingCapacity: true)
      }
      lineStart = index + 1
    }
    if lineStart < chunk.count { tail.append(contentsOf: chunk[lineStart...]) }
  }

  /// Calls `body` with the unterminated last line, if any, as the stream ends.
  mutating func finish(_ body: (ArraySlice<UInt8>) -> Void) {
    if !tail.isEmpty { body(Self.trimmed(tail[...])) }
    tail.removeAll()
  }

  /// `line` without a trailing carriage return, so CRLF writers are understood too.
  private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    line.last == 0x0D ? line.dropLast() : line
  }
}
