import CWMBenchCore
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The task file a run checked, held open: the run reads its examples through this descriptor
/// and never opens the path again.
///
/// The model starts between the check and the first request, which can take minutes. A file
/// renamed over the path meanwhile is never read (the descriptor keeps the checked file), and
/// one rewritten in place is noticed, by its size or modification time, before anything read
/// from it is asked or recorded under the checked file's SHA-256.
final class CheckedTaskFile: @unchecked Sendable {
  // @unchecked: every property is set once, in init; the descriptor is only read with pread,
  // fstat and dup, which may run on any thread.

  /// The path opened.
  let path: String
  /// The path as the user gave it, for messages.
  let display: String
  /// The open file.
  let descriptor: Int32
  private let size: off_t
  private let modified: timespec

  /// Opens the file at `path`.
  init(path: String, display: String) throws(EvalError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      let code = errno
      if code == ENOENT { throw .badTasks("no task file at '\(display)'") }
      throw .badTasks("cannot open '\(display)': \(errnoReason(code))")
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let reason = errnoReason()
      close(fd)
      throw .badTasks("cannot read '\(display)': \(reason)")
    }
    self.path = path
    self.display = display
    descriptor = fd
    size = info.st_size
    modified = Self.modificationTime(info)
  }

  deinit { close(descriptor) }

  /// Refuses to go on when the file's size or modification time is no longer what it was when opened.
  func checkUnchanged() throws(EvalError) {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw .badTasks("cannot read '\(display)': \(errnoReason())") }
    let now = Self.modificationTime(info)
    guard info.st_size == size, now.tv_sec == modified.tv_sec, now.tv_nsec == modified.tv_nsec else {
      throw .badTasks(
        "task file '\(display)' changed after it was checked (\(size) bytes then, \(info.st_size) now); "
          + "stopping before asking about lines that were not checked; run the same command again to check it anew")
    }
  }

  /// A cursor over the file from its first line, on a descriptor of its own.
  func cursor() throws(EvalError) -> LineCursor {
    let copy = dup(descriptor)
    // A dup shares the offset, which nothing else uses: every other read is a pread.
    guard copy >= 0, lseek(copy, 0, SEEK_SET) == 0 else {
      let reason = errnoReason()
      if copy >= 0 { close(copy) }
      throw .badTasks("cannot read '\(display)': \(reason)")
    }
    return LineCursor(descriptor: copy, path: display)
  }

  private static func modificationTime(_ info: stat) -> timespec {
    #if canImport(Darwin)
      info.st_mtimespec
    #else
      info.st_mtim
    #endif
  }
}
