import CWMBenchTestSupport
import Foundation
import Testing

/// `.offCooperativePool` really moves a suite's tests off the cooperative pool.
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
