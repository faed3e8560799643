import CWMBenchCore
import CWMBenchFormats
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive `flock(2)` on a run folder's `run.lock`, held for the whole of an `eval`.
///
/// Two evaluations into one folder would both append to `results.jsonl` and pay for every
/// example twice; the second one is refused at once instead. The lock belongs to the open
/// file, so the kernel releases it when the process dies however it dies (SIGKILL too): a
/// `run.lock` left behind by a killed run is stale, not held, and the next run takes it over.
/// The descriptor is close-on-exec, so an adapter process never inherits (and never keeps)
/// the lock. The file holds the holder's pid, for the message the second run prints.
///
/// The file is opened with `O_NOFOLLOW` and must be a regular file with one link: the pid is
/// written into it, so a symbolic or hard link planted at `run.lock` would have eval truncate
/// another file. It is not opened with `O_EXCL`, because a killed run's lock file is taken over.
final class RunLock: @unchecked Sendable {
  // @unchecked: `fd` is written only by `release()`, which the run calls once, at its end.

  /// The lock file's name inside the run folder.
  static let fileName = "run.lock"

  /// The lock file's path.
  let path: String
  private var fd: Int32

  /// Why the lock could not be taken.
  enum Failure: Error {
    /// Another process holds it; its pid when the file names one.
    case held(pid: Int32?)
    /// The lock file could not be opened or locked.
    case failed(String)
  }

  /// Takes the lock on `folder`, or fails at once if another process holds it.
  init(folder: String) throws(Failure) {
    path = (folder as NSString).appendingPathComponent(Self.fileName)
    while true {
      let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else {
        let code = errno
        if code == ELOOP { throw .failed(Self.refusal(path, "a symbolic link")) }
        throw .failed("cannot open '\(path)': \(errnoReason(code))")
      }
      var info = stat()
      guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else {
        close(descriptor)
        throw .failed(Self.refusal(path, "not a file of its own (a hard link or a special file)"))
      }
      if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        let code = errno
        let holder = Self.readPID(descriptor)
        close(descriptor)
        if code == EWOULDBLOCK { throw .held(pid: holder) }
        throw .failed("cannot lock '\(path)': \(errnoReason(code))")
      }
      // A holder that was releasing may have unlinked the file we opened; then the lock we
      // hold is on a file nobody else will open, so start again on the path's current file.
      var opened = stat(), current = stat()
      if fstat(descriptor, &opened) == 0, stat(path, &current) == 0, opened.st_ino == current.st_ino,
        opened.st_dev == current.st_dev
      {
        fd = descriptor
        break
      }
      close(descriptor)
    }
    let pid = Array("\(getpid())\n".utf8)
    _ = ftruncate(fd, 0)
    _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
  }

  deinit { release() }

  /// Removes the lock file and releases the lock; a second call does nothing.
  ///
  /// The file is unlinked while still locked, so a run waiting to open it either sees it gone
  /// (and creates a new one) or finds, after locking, that its file is no longer the path's.
  func release() {
    guard fd >= 0 else { return }
    unlink(path)
    close(fd)
    fd = -1
  }

  /// The message for a lock file that is a link: cwmbench never writes through one.
  private static func refusal(_ path: String, _ what: String) -> String {
    "refusing lock file '\(path)': it is \(what), and the lock file is written to; "
      + "remove it (no run leaves one) and run again"
  }

  private static func readPID(_ descriptor: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return Int32(text)
  }
}
