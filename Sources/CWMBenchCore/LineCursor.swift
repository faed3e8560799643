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
  /// Where the search for the next newline resumes: bytes in `start..<scanned` hold none.
  private var scanned = 0
  private var atEnd = false
  private let chunkSize: Int
  /// The 1-based number of the line last returned.
  public private(set) var lineNumber = 0
  /// Bytes examined in the search for newlines so far: the tests' measure of the scan's cost.
  private(set) var bytesScanned = 0

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
  ///
  /// - Complexity: O(line length), amortised: each byte is searched for a newline once, and
  ///   moved at most once more than the array's doubling does, however many reads a long
  ///   line takes.
  public func next() throws(CoreError) -> (line: ArraySlice<UInt8>, terminated: Bool)? {
    while true {
      // Only the bytes read since the last search: rescanning a long line from its start
      // after every read made reading it quadratic (a 2 GB line took over 20 minutes).
      let found = buffer[scanned...].firstIndex(of: 0x0A)
      bytesScanned += (found.map { $0 + 1 } ?? buffer.count) - scanned
      if let newline = found {
        let line = buffer[start..<newline]
        start = newline + 1
        scanned = start
        lineNumber += 1
        return (line, true)
      }
      scanned = buffer.count
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
      scanned -= start
      start = 0
    }
    let oldCount = buffer.count
    // The move above is of the partial line's bytes read since the last line ended (at most
    // one read), so it stays linear in the file.
    let readSize = chunkSize
    // Grow only by doubling: asking for a few more bytes each time would make every refill
    // a fresh allocation that the allocator cannot place in the freed one, and the heap grows.
    if buffer.capacity < oldCount + readSize { buffer.reserveCapacity(max(oldCount + readSize, 2 * buffer.capacity)) }
    buffer.append(contentsOf: repeatElement(0, count: readSize))
    var result: Int
    repeat {
      result = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + oldCount, readSize) }
    } while result < 0 && errno == EINTR
    if result < 0 {
      let reason = String(cString: strerror(errno))
      buffer.removeLast(readSize)
      throw .readFailed(path: path, reason: reason)
    }
    buffer.removeLast(readSize - result)
    if result == 0 { atEnd = true }
  }
}
