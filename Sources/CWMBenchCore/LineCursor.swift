#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Pulls lines from a file one at a time, reading in large chunks.
///
/// `LineReader` pushes lines into a closure; the evaluation loop instead needs to take the
/// next example only when a concurrency slot frees up, so it pulls. Memory stays at one chunk
/// plus the longest line.
public final class LineCursor {
  private let path: String
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var start = 0
  private var atEnd = false
  private let chunkSize: Int
  /// The 1-based number of the line last returned.
  public private(set) var lineNumber = 0

  /// Opens `path` for reading.
  public init(path: String, chunkSize: Int = 1 << 20) throws(CoreError) {
    self.path = path
    self.chunkSize = chunkSize
    fd = open(path, O_RDONLY | O_CLOEXEC)
    buffer.reserveCapacity(2 * chunkSize)
    guard fd >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
  }

  /// Reads the open file `descriptor` from its current offset, and closes it when done (pass a
  /// `dup` to keep one's own); `path` names it in errors.
  public init(descriptor: Int32, path: String, chunkSize: Int = 1 << 20) {
    self.path = path
    self.chunkSize = chunkSize
    fd = descriptor
    buffer.reserveCapacity(2 * chunkSize)
  }

  deinit { close(fd) }

  /// The next line without its newline, and whether it was newline-terminated; nil at the end.
  public func next() throws(CoreError) -> (line: ArraySlice<UInt8>, terminated: Bool)? {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        let line = buffer[start..<newline]
        start = newline + 1
        lineNumber += 1
        return (line, true)
      }
      if atEnd {
        guard start < buffer.count else { return nil }
        let line = buffer[start...]
        start = buffer.count
        lineNumber += 1
        return (line, false)
      }
      try fill()
    }
  }

  private func fill() throws(CoreError) {
    if start > 0 {
      buffer.removeFirst(start)
      start = 0
    }
    let oldCount = buffer.count
    // Grow only by doubling: asking for a few more bytes each time would make every refill
    // a fresh allocation that the allocator cannot place in the freed one, and the heap grows.
    if buffer.capacity < oldCount + chunkSize { buffer.reserveCapacity(max(oldCount + chunkSize, 2 * buffer.capacity)) }
    var readCount = 0
    buffer.append(contentsOf: repeatElement(0, count: chunkSize))
    let result = buffer.withUnsafeMutableBytes { raw in
      read(fd, raw.baseAddress! + oldCount, chunkSize)
    }
    if result < 0 {
      buffer.removeLast(chunkSize)
      throw .readFailed(path: path, reason: String(cString: strerror(errno)))
    }
    readCount = result
    buffer.removeLast(chunkSize - readCount)
    if readCount == 0 { atEnd = true }
  }
}
