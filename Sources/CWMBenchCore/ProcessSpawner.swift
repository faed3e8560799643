import Foundation
import Synchronization

/// Starts child processes (adapters, program tracers) from one thread that lives as long as cwmbench.
///
/// Linux's parent-death signal (`PR_SET_PDEATHSIG`, set by `setpriv --pdeathsig` in the
/// child) fires when the *thread* that forked the child ends, not the process: a child
/// forked from a pool thread that is later retired, or from an adapter's reader thread that
/// ends with the previous process, would be killed for nothing. Forking only from this
/// thread makes the signal mean what it should: cwmbench is gone.
public enum ProcessSpawner {
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
  /// Starts the thread on first use; a Bool because a `Thread` is not Sendable.
  private static let started: Bool = {
    let thread = Thread {
      while true {
        available.wait()
        guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
        do { try job.body() } catch { job.result = .failure(error) }
        job.done.signal()
      }
    }
    thread.name = "cwmbench.spawner"
    thread.start()
    return true
  }()

  /// Runs `body` (which starts a process) on the spawner thread and waits for it.
  public static func run(_ body: @escaping () throws -> Void) throws {
    _ = started
    let job = Job(body)
    jobs.withLock { $0.append(job) }
    available.signal()
    job.done.wait()
    try job.result.get()
  }
}
