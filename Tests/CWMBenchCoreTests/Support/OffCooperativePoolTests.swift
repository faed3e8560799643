import CWMBenchTestSupport
import Foundation
import Testing

/// `.offCooperativePool` gives every test body, synchronous or async, the waiters' executor as
/// its task executor preference, and a detached task none.
///
/// The check reads the current task's preference, not the thread's name: under the load of a
/// full CI run on 2 cores (Swift 6.3, Linux) bodies were seen on a thread named
/// `…root.default-qos` (the pool's name too) although their task preferred the waiters, so the
/// thread a body lands on is the runtime's choice and not a fact this trait can promise.
@Suite(.offCooperativePool) struct OffCooperativePoolTests {
  /// Whether the running task prefers the waiters' executor.
  static func prefersTheWaiters() -> Bool {
    withUnsafeCurrentTask { task in
      task?.unownedTaskExecutor == BlockingTestExecutor.shared.asUnownedTaskExecutor()
    }
  }

  @Test func aSynchronousTestPrefersTheWaiters() {
    #expect(Self.prefersTheWaiters())
  }

  @Test(arguments: 0..<3) func everyCaseOfAParameterizedAsyncTestDoesToo(index: Int) async {
    #expect(Self.prefersTheWaiters(), "case \(index)")
  }

  @Test func aDetachedTaskPrefersNothing() async {
    let prefers = await Task.detached { Self.prefersTheWaiters() }.value
    #expect(!prefers)
  }
}
