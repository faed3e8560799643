import CWMBenchCore
import CWMBenchFormats

/// Splits a byte stream that arrives in arbitrary chunks into `\n`-terminated lines.
///
/// Pipes deliver whatever the writer flushed, so one read may hold half a line or hundreds;
/// the splitter keeps the unfinished tail until its newline arrives.
struct LineSplitter: Sendable {
  /// The longest line kept (16 MiB): a longer one is dropped as it streams in, so a runaway
  /// writer cannot make the harness buffer it whole. The protocol documents the bound.
  static let maximumLineBytes = 16 << 20

  /// Bytes after the last newline seen.
  private var tail: [UInt8] = []
  /// Bytes of an overlong line dropped so far; 0 when none is being dropped.
  private var dropped = 0
  private let limit: Int

  /// Creates an empty splitter that keeps lines of at most `limit` bytes.
  init(limit: Int = LineSplitter.maximumLineBytes) { self.limit = limit }

  /// Feeds `chunk` and calls `body` with every line it completes, without the `\n` (and a `\r`
  /// before it), and `overlong` with the length of every line longer than the limit instead.
  mutating func feed(
    _ chunk: UnsafeRawBufferPointer, _ body: (ArraySlice<UInt8>) -> Void, overlong: (Int) -> Void = { _ in }
  ) {
    var lineStart = 0
    for index in chunk.indices where chunk[index] == 0x0A {
      let length = index - lineStart
      if dropped > 0 || tail.count + length > limit {
        overlong(dropped + tail.count + length)
        dropped = 0
        tail.removeAll(keepingCapacity: true)
      } else if tail.isEmpty {
        body(Self.trimmed(ArraySlice(chunk[lineStart..<index])))
      } else {
        tail.append(contentsOf: chunk[lineStart..<index])
        body(Self.trimmed(tail[...]))
        tail.removeAll(keepingCapacity: true)
      }
      lineStart = index + 1
    }
    guard lineStart < chunk.count else { return }
    let rest = chunk.count - lineStart
    if dropped > 0 || tail.count + rest > limit {
      dropped += tail.count + rest
      tail = []
    } else {
      tail.append(contentsOf: chunk[lineStart...])
    }
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
