#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams a file line by line in large chunks, with memory flat in the file size.
///
/// Lines are handed out as borrowed byte buffers rather than `String`s, so a JSONL reader can
/// parse each line in place without copying it.
public enum LineReader {
  /// The default read size: large enough that system-call overhead vanishes.
  public static let defaultChunkSize = 1 << 20

  /// Calls `body` for each line of the file at `path`, in order.
  ///
  /// `body` gets the line without its `\n` (valid only during the call), its 1-based number,
  /// and whether it ended with `\n`: only a last line can be unterminated, which signals an
  /// interrupted write. A line longer than `chunkSize` is still delivered whole. An empty file
  /// has no lines; a file ending in `\n` has no empty last line. Errors thrown by `body` stop
  /// the reading and are rethrown unchanged.
  public static func forEachLine(
    inFileAt path: String,
    chunkSize: Int = defaultChunkSize,
    _ body: (UnsafeRawBufferPointer, _ lineNumber: Int, _ terminated: Bool) throws -> Void
  ) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw CoreError.cannotOpen(path: path, reason: errnoReason()) }
    defer { close(fd) }
    try forEachLine(descriptor: fd, path: path, chunkSize: chunkSize, body)
  }

  /// Calls `body` for each line of the open file `fd`, from its first byte, as
  /// `forEachLine(inFileAt:)` does; `path` names it in errors.
  ///
  /// Reads with `pread`, so the descriptor's offset is neither used nor moved: another pass
  /// over the same descriptor (a digest on another thread) may run at the same time.
  public static func forEachLine(
    descriptor fd: Int32,
    path: String,
    chunkSize: Int = defaultChunkSize,
    _ body: (UnsafeRawBufferPointer, _ lineNumber: Int, _ terminated: Bool) throws -> Void
  ) throws {
    precondition(chunkSize > 0, "chunk size must be positive")
    var offset: off_t = 0

    var capacity = chunkSize
    var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    defer { buffer.deallocate() }
    // Bytes in buffer[lineStart..<filled] are read but not yet delivered.
    var lineStart = 0
    var filled = 0
    var lineNumber = 0

    while true {
      // Deliver every complete line in the buffer.
      var scanFrom = lineStart
      while scanFrom < filled, let newline = memchr(buffer + scanFrom, 0x0A, filled - scanFrom) {
        let newlineIndex = buffer.distance(to: newline)
        lineNumber += 1
        try body(UnsafeRawBufferPointer(start: buffer + lineStart, count: newlineIndex - lineStart), lineNumber, true)
        lineStart = newlineIndex + 1
        scanFrom = lineStart
      }
      // Make room: slide the partial line to the front, or grow when it fills the whole buffer.
      if lineStart > 0 {
        let remaining = filled - lineStart
        if remaining > 0 { memmove(buffer, buffer + lineStart, remaining) }
        filled = remaining
        lineStart = 0
      }
      if capacity - filled < chunkSize {
        let larger = max(capacity * 2, filled + chunkSize)
        let grown = UnsafeMutableRawPointer.allocate(byteCount: larger, alignment: 16)
        grown.copyMemory(from: buffer, byteCount: filled)
        buffer.deallocate()
        buffer = grown
        capacity = larger
      }
      let count = pread(fd, buffer + filled, capacity - filled, offset)
      if count < 0 {
        if errno == EINTR { continue }
        throw CoreError.readFailed(path: path, reason: errnoReason())
      }
      if count == 0 { break }
      offset += off_t(count)
      filled += count
    }
    if filled > lineStart {
      lineNumber += 1
      try body(UnsafeRawBufferPointer(start: buffer + lineStart, count: filled - lineStart), lineNumber, false)
    }
  }
}
