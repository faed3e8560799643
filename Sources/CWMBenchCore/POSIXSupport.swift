#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `strerror(errno)` with a lowercase first letter, to fit the project's error message style.
public func errnoReason(_ code: Int32 = errno) -> String {
  let text = String(cString: strerror(code))
  guard let first = text.first else { return "error \(code)" }
  return first.lowercased() + text.dropFirst()
}

/// The C `write`, reachable from types that declare their own `write` methods.
@inline(__always)
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, buffer, count)
}

/// The C `close`, reachable from types that declare their own `close` methods.
@inline(__always)
@discardableResult
func systemClose(_ fd: Int32) -> Int32 {
  close(fd)
}

/// Writes all of `bytes` to a child's pipe, retrying interrupted writes; false when the write
/// fails (EPIPE: the child is gone, and its exit, not this write, says how it ended).
@discardableResult
public func writeToChild(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
  var offset = 0
  while offset < bytes.count {
    let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
    if written < 0 {
      if errno == EINTR { continue }
      return false
    }
    offset += written
  }
  return true
}
