import Foundation
import Testing

/// Runs a suite's tests on threads of their own, leaving Swift concurrency's cooperative pool to
/// the code under test.
///
/// The pool has one thread per core, two on CI. A test that waits for a child process
/// (`Process.waitUntilExit`, a CPython run, the built binary, a tracer) or computes for seconds
/// holds one of them throughout, and two such tests stall everything else: measured on a 2-core
/// machine, tests of a millisecond reported 48 s, and the adapter tests that time something in
/// process (a timeout, a pause before a cancel) saw seconds pass that they never ran, and
/// failed. So every suite carries this trait except the adapter suites, whose tests are about
/// timing and which the pool then serves at once; what the code under test starts with `Task`
/// runs on the pool as in production.
public struct OffCooperativePoolTrait: SuiteTrait, TestTrait, TestScoping {
  public var isRecursive: Bool { true }

  /// Only test cases are moved; the suite itself does nothing that waits.
  public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? { testCase == nil ? nil : self }

  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    try await withTaskExecutorPreference(BlockingTestExecutor.shared) { try await function() }
  }
}

extension Trait where Self == OffCooperativePoolTrait {
  /// Run the suite's tests on the test threads, not the cooperative pool.
  public static var offCooperativePool: Self { Self() }
}

/// A fixed set of threads that run test jobs, so a test blocked in a wait holds one of these.
///
/// Six threads: CPU-bound tests keep both cores busy and waiting ones keep theirs.
///
/// Fixed rather than a thread per job: a parameterized suite starts all its cases at once, and
/// two hundred CPython children at a time would trade one stall for another.
public final class BlockingTestExecutor: TaskExecutor, @unchecked Sendable {
  /// The executor every suite with the trait shares.
  public static let shared = BlockingTestExecutor(threads: 6)

  /// What the executor's thread names start with.
  public static let threadNamePrefix = "cwm-waiter-"

  // @unchecked: `jobs` is only touched under `condition`.
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []

  private init(threads: Int) {
    for index in 0..<threads {
      // Named from inside: Linux copies the creating thread's name, and keeps 15 characters.
      let thread = Thread { [unowned self] in
        Thread.current.name = "\(Self.threadNamePrefix)\(index)"
        self.work()
      }
      thread.start()
    }
  }

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  private func work() {
    while true {
      condition.lock()
      while jobs.isEmpty { condition.wait() }
      let job = jobs.removeFirst()
      condition.unlock()
      job.runSynchronously(on: asUnownedTaskExecutor())
    }
  }
}
