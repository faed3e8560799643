#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file opened for appending whole lines, such as `results.jsonl`.
///
/// Each line goes out in a single `write()` on an `O_APPEND` descriptor, so a crash leaves at
/// most one unterminated last line, which a resuming run drops with `truncate(toLength:)`.
/// A class because it owns a file descriptor.
public final class AppendFile {
  /// The file's path.
  public let path: String
  private var fd: Int32
  private var line: [UInt8] = []

  /// Opens `path` for appending, creating it when missing; a symbolic link there is refused,
  /// so lines never land in whatever file the link points at.
  public init(path: String) throws(CoreError) {
    self.path = path
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      let code = errno
      throw .cannotOpen(
        path: path,
        reason: code == ELOOP ? "it is a symbolic link, which cwmbench never writes through" : errnoReason(code))
    }
  }

  deinit {
    if fd >= 0 { systemClose(fd) }
  }

  /// The file's current size in bytes.
  public func length() throws(CoreError) -> Int {
    guard fd >= 0 else { throw .closed(path: path) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .readFailed(path: path, reason: errnoReason()) }
    return Int(info.st_size)
  }

  /// Appends `bytes` plus `\n` as one write; `bytes` is the line without its terminator.
  public func appendLine(_ bytes: UnsafeRawBufferPointer) throws(CoreError) {
    guard fd >= 0 else { throw .closed(path: path) }
    line.removeAll(keepingCapacity: true)
    line.append(contentsOf: bytes)
    line.append(0x0A)
    try line.withUnsafeBytes { raw in Result { () throws(CoreError) in try writeAll(fd, raw, path: path) } }.get()
  }

  /// Appends `bytes` plus `\n` as one write; `bytes` is the line without its terminator.
  public func appendLine(_ bytes: [UInt8]) throws(CoreError) {
    try bytes.withUnsafeBytes { raw in Result { () throws(CoreError) in try appendLine(raw) } }.get()
  }

  /// Cuts the file to `length` bytes (used to drop an unterminated last line before resuming).
  public func truncate(toLength length: Int) throws(CoreError) {
    guard fd >= 0 else { throw .closed(path: path) }
    guard ftruncate(fd, off_t(length)) == 0 else { throw .truncateFailed(path: path, reason: errnoReason()) }
  }

  /// Forces written lines to stable storage.
  public func sync() throws(CoreError) {
    guard fd >= 0 else { throw .closed(path: path) }
    guard fsync(fd) == 0 else { throw .syncFailed(path: path, reason: errnoReason()) }
  }

  /// Closes the file; later calls throw `CoreError.closed`. Safe to repeat.
  public func close() {
    if fd >= 0 { systemClose(fd) }
    fd = -1
  }
}
