#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An output file that appears under its final name complete or not at all.
///
/// Bytes go to `<dir>/.<name>.tmp-<pid>-<random>` and `commit()` renames that onto the final
/// path, so a crash or error never leaves a truncated task file where a reader would trust it.
/// The temporary file is created new (`O_EXCL`), never through a link (`O_NOFOLLOW`), under a
/// name with 64 random bits: a link planted at a name someone could predict would otherwise
/// have the bytes land on its target. A class because it owns a file descriptor and must clean
/// up when dropped.
public final class AtomicFile {
  /// The path the file will have once committed.
  public let path: String
  /// The temporary path written until `commit()`.
  public let temporaryPath: String
  private var fd: Int32
  private var buffer: [UInt8] = []
  private let bufferSize = 64 * 1024
  private var finished = false

  /// Creates a new temporary file next to `path`, under a name no other file has.
  public init(path: String) throws(CoreError) {
    self.path = path
    let (directory, name) = splitPath(path)
    // The pid stays in the name for `removeStale`; the random part makes the name unguessable.
    let prefix = (directory.map { $0 + "/" } ?? "") + ".\(name).tmp-\(getpid())-"
    var attempts = 0
    while true {
      let candidate = prefix + Self.randomSuffix()
      let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
      if descriptor >= 0 {
        temporaryPath = candidate
        fd = descriptor
        break
      }
      // EEXIST twice in a row with 64 random bits means something is wrong, not bad luck.
      attempts += 1
      guard errno == EEXIST, attempts < 3 else { throw .cannotOpen(path: path, reason: errnoReason()) }
    }
    buffer.reserveCapacity(bufferSize)
  }

  /// 16 hex digits from the system's random source.
  private static func randomSuffix() -> String {
    var generator = SystemRandomNumberGenerator()
    let digits = String(generator.next(), radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  deinit {
    if !finished { discard() }
  }

  /// Appends `bytes` (buffered).
  public func write(_ bytes: UnsafeRawBufferPointer) throws(CoreError) {
    guard !finished else { throw .closed(path: path) }
    if buffer.count + bytes.count > bufferSize {
      try flush()
      if bytes.count >= bufferSize {
        // Large writes skip the buffer instead of being copied through it.
        try writeAll(fd, bytes, path: path)
        return
      }
    }
    buffer.append(contentsOf: bytes)
  }

  /// Appends `bytes` (buffered).
  public func write(_ bytes: [UInt8]) throws(CoreError) {
    try bytes.withUnsafeBytes { raw in Result { () throws(CoreError) in try write(raw) } }.get()
  }

  /// Appends the UTF-8 of `text` (buffered).
  public func write(_ text: String) throws(CoreError) {
    var text = text
    try text.withUTF8 { utf8 in Result { () throws(CoreError) in try write(UnsafeRawBufferPointer(utf8)) } }.get()
  }

  /// Writes out the buffer.
  private func flush() throws(CoreError) {
    guard !buffer.isEmpty else { return }
    try buffer.withUnsafeBytes { raw in Result { () throws(CoreError) in try writeAll(fd, raw, path: path) } }.get()
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, optionally fsyncs, closes and renames the file onto its final path.
  ///
  /// On failure the temporary file is removed and nothing appears under the final name.
  public func commit(sync: Bool = false) throws(CoreError) {
    try close(sync: sync)
    try publish()
  }

  /// Flushes, optionally fsyncs and closes the temporary file: every byte is on disk, nothing
  /// is under the final name yet. On failure the temporary file is removed.
  ///
  /// Files that must appear together close all first, then publish: a full disk shows up while
  /// closing, before any of them has replaced what was under its final name.
  public func close(sync: Bool = false) throws(CoreError) {
    guard !finished, fd >= 0 else { throw .closed(path: path) }
    do throws(CoreError) {
      try flush()
      if sync && fsync(fd) != 0 { throw .syncFailed(path: path, reason: errnoReason()) }
      let closed = closeDescriptor(fd)
      fd = -1
      if closed != 0 { throw .writeFailed(path: path, reason: errnoReason()) }
    } catch {
      discard()
      throw error
    }
  }

  /// Renames the closed temporary file onto its final path.
  public func publish() throws(CoreError) {
    guard !finished else { throw .closed(path: path) }
    if fd >= 0 { try close() }
    if rename(temporaryPath, path) != 0 {
      let reason = errnoReason()
      discard()
      throw .renameFailed(from: temporaryPath, to: path, reason: reason)
    }
    finished = true
  }

  /// Commits `files` so that all appear or none does: every file is closed first (where a full
  /// disk shows), then each is renamed; if a rename fails, those already renamed are removed.
  public static func commitTogether(_ files: [AtomicFile]) throws(CoreError) {
    do throws(CoreError) {
      for file in files { try file.close() }
    } catch {
      for file in files { file.discard() }
      throw error
    }
    for (index, file) in files.enumerated() {
      do throws(CoreError) {
        try file.publish()
      } catch {
        for published in files[..<index] { unlink(published.path) }
        for rest in files[index...] { rest.discard() }
        throw error
      }
    }
  }

  /// Removes temporary files of `names` in `directory` left by processes that no longer run
  /// (SIGKILL, a second Ctrl-C): `.NAME.tmp-PID-RANDOM` (or `.NAME.tmp-PID`, as earlier
  /// versions named them) whose PID is gone. Files of live processes, another `generate`
  /// writing into the same folder, are left alone.
  ///
  /// - Complexity: O(entries in `directory`).
  public static func removeStale(in directory: String, names: [String]) {
    guard let stream = opendir(directory) else { return }
    defer { closedir(stream) }
    var stale: [String] = []
    while let entry = readdir(stream) {
      let entryName = withUnsafeBytes(of: entry.pointee.d_name) {
        String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
      }
      for name in names {
        let prefix = "." + name + ".tmp-"
        guard entryName.hasPrefix(prefix), let pid = pid_t(entryName.dropFirst(prefix.count).prefix { $0 != "-" }),
          pid > 0
        else { continue }
        if kill(pid, 0) != 0 && errno == ESRCH { stale.append(directory + "/" + entryName) }
      }
    }
    for path in stale { unlink(path) }
  }

  /// Closes and deletes the temporary file; the final path is left untouched. Safe to repeat.
  public func discard() {
    guard !finished else { return }
    finished = true
    if fd >= 0 { _ = closeDescriptor(fd) }
    fd = -1
    unlink(temporaryPath)
  }

  /// Writes `bytes` to `path` atomically in one call.
  public static func write(_ bytes: [UInt8], to path: String, sync: Bool = false) throws(CoreError) {
    let file = try AtomicFile(path: path)
    try file.write(bytes)
    try file.commit(sync: sync)
  }
}

/// `close(2)`, by a name the instance method does not shadow.
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }

/// The directory part (nil when there is none) and the last component of `path`.
func splitPath(_ path: String) -> (directory: String?, name: String) {
  guard let slash = path.lastIndex(of: "/") else { return (nil, path) }
  let directory = String(path[..<slash])
  return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
}

/// Writes all of `bytes` to `fd`, retrying after short writes and interrupts.
func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(CoreError) {
  guard let base = bytes.baseAddress else { return }
  var offset = 0
  while offset < bytes.count {
    let written = systemWrite(fd, base + offset, bytes.count - offset)
    if written < 0 {
      if errno == EINTR { continue }
      throw .writeFailed(path: path, reason: errnoReason())
    }
    if written == 0 { throw .writeFailed(path: path, reason: "no progress") }
    offset += written
  }
}
