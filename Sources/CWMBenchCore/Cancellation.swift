import Synchronization

/// A process-wide flag set by Ctrl-C, polled by long-running work between units.
///
/// Work stops at a clean boundary (a batch written, a result line appended) rather than
/// being killed mid-write; the caller then discards temporary output and exits 130.
public enum Cancellation {
  private static let flag = Atomic<Bool>(false)

  /// Whether an interrupt has been requested.
  public static var isRequested: Bool { flag.load(ordering: .relaxed) }

  /// Requests that work stop at the next boundary.
  public static func request() { flag.store(true, ordering: .relaxed) }

  /// Clears the flag (tests run several commands in one process).
  public static func reset() { flag.store(false, ordering: .relaxed) }
}
