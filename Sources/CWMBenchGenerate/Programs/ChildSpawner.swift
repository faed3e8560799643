import Foundation
import Synchronization

/// Starts tracer processes from one thread that lives as long as cwmbench.
///
/// Linux's parent-death signal (set by `setpriv --pdeathsig`) fires when the *thread* that
/// forked the child ends: a tracer started from a generation worker thread would be killed
/// when that thread is retired, even though the pool still hands the tracer out. (The same
/// reason as CWMBenchEval's ProcessSpawner, which Generate may not import.)
enum ChildSpawner {
  private final class Job: @unchecked Sendable {
    // @unchecked: `result` is written on the spawner thread before `done` is signalled and
    // read only after waiting on it.
    let body: () throws -> Void
    var result: Result<Void, any Error> = .success(())
    let done = DispatchSemaphore(value: 0)
    init(_ body: @escaping () throws -> Void) { self.body = body }
  }

  private static let jobs = Mutex<[Job]>([])
  private static let available = DispatchSemaphore(value: 0)
  private static let started: Bool = {
    let thread = Thread {
      while true {
        available.wait()
        guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
        do { try job.body() } catch { job.result = .failure(error) }
        job.done.signal()
      }
    }
    thread.name = "cwmbench.tracer-spawner"
    thread.start()
    return true
  }()

  /// Runs `body` (which starts a process) on the spawner thread and waits for it.
  static func run(_ body: @escaping () throws -> Void) throws {
    _ = started
    let job = Job(body)
    jobs.withLock { $0.append(job) }
    available.signal()
    job.done.wait()
    try job.result.get()
  }
}
