import CWMBenchCore
import CWMBenchFormats
import Foundation
import Synchronization

/// Enforces per-request timeouts with one thread, instead of one timer per request.
///
/// A cancelled `Task.sleep` stays registered with the executor until its deadline, so a
/// sleeping timeout task per request holds memory for the whole timeout: over a fast run of
/// a million requests with a 120 s timeout that is hundreds of megabytes. Here a request
/// costs one table entry, removed when it finishes.
final class RequestWatchdog: Sendable {
  private struct Entry {
    var deadline: Date
    var expire: @Sendable () -> Void
  }

  private struct State {
    var entries: [Int: Entry] = [:]
    var nextToken = 0
    var stopped = false
    var running = false
  }

  private let state = Mutex(State())
  private let interval: Double

  /// Creates a watchdog that checks deadlines every `interval` seconds.
  init(interval: Double = 0.05) { self.interval = interval }

  /// Calls `expire` once if the request is still registered `seconds` from now.
  func register(seconds: Double, expire: @escaping @Sendable () -> Void) -> Int {
    let (token, start) = state.withLock { state -> (Int, Bool) in
      state.nextToken += 1
      state.entries[state.nextToken] = Entry(deadline: Date().addingTimeInterval(seconds), expire: expire)
      let start = !state.running && !state.stopped
      if start { state.running = true }
      return (state.nextToken, start)
    }
    if start {
      let thread = Thread { [self] in loop() }
      thread.start()
    }
    return token
  }

  /// Forgets a request that finished in time.
  func unregister(_ token: Int) {
    _ = state.withLock { $0.entries.removeValue(forKey: token) }
  }

  /// Ends the watchdog thread.
  func stop() {
    state.withLock { $0.stopped = true }
  }

  private func loop() {
    while true {
      Thread.sleep(forTimeInterval: interval)
      let now = Date()
      let (expired, stopped) = state.withLock { state -> ([@Sendable () -> Void], Bool) in
        var expired: [@Sendable () -> Void] = []
        for (token, entry) in state.entries where entry.deadline <= now {
          expired.append(entry.expire)
          state.entries.removeValue(forKey: token)
        }
        if state.stopped { state.running = false }
        return (expired, state.stopped)
      }
      for expire in expired { expire() }
      if stopped { return }
    }
  }
}
