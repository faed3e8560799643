/// Why a file could not be read or written by the core I/O helpers.
public enum CoreError: Error, Sendable, Hashable, CustomStringConvertible {
  /// `open` failed.
  case cannotOpen(path: String, reason: String)
  /// `read` failed.
  case readFailed(path: String, reason: String)
  /// `write` failed (or wrote nothing).
  case writeFailed(path: String, reason: String)
  /// `fsync` failed.
  case syncFailed(path: String, reason: String)
  /// `rename` of the temporary file onto the final name failed.
  case renameFailed(from: String, to: String, reason: String)
  /// `ftruncate` failed.
  case truncateFailed(path: String, reason: String)
  /// The file was used after `commit()`, `discard()` or `close()`.
  case closed(path: String)

  /// The message shown to the user: lowercase, naming the offending path in single quotes.
  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      return "cannot open '\(path)': \(reason)"
    case .readFailed(let path, let reason):
      return "cannot read '\(path)': \(reason)"
    case .writeFailed(let path, let reason):
      return "cannot write '\(path)': \(reason)"
    case .syncFailed(let path, let reason):
      return "cannot sync '\(path)': \(reason)"
    case .renameFailed(let from, let to, let reason):
      return "cannot rename '\(from)' to '\(to)': \(reason)"
    case .truncateFailed(let path, let reason):
      return "cannot truncate '\(path)': \(reason)"
    case .closed(let path):
      return "file '\(path)' is already closed"
    }
  }
}
