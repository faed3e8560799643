import CWMBenchTestSupport
import Foundation
import Testing

/// The trait that keeps process-waiting suites off the cooperative pool really moves them.
@Suite(.offCooperativePool) struct OffCooperativePoolTests {
  /// The name of the thread a synchronous test body runs on.
  static func threadName() -> String { Thread.current.name ?? "" }

  @Test func aSynchronousTestRunsOnAWaiterThread() {
    #expect(Self.threadName().hasPrefix(BlockingTestExecutor.threadNamePrefix))
  }

  @Test(arguments: 0..<3) func everyCaseOfAParameterizedTestDoesToo(index: Int) {
    #expect(Self.threadName().hasPrefix(BlockingTestExecutor.threadNamePrefix), "case \(index)")
  }

  @Test func aDetachedTaskRunsOnThePoolAsBefore() async {
    let name = await Task.detached { Self.threadName() }.value
    #expect(!name.hasPrefix(BlockingTestExecutor.threadNamePrefix))
  }
}
