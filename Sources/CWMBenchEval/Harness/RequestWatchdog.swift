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
///
/// The thread sleeps until the earliest deadline (or until a new request registers), so a
/// run that waits on a slow model costs no CPU here; it used to wake every 50 ms.
final class RequestWatchdog: @unchecked Sendable {
  private struct Entry {
    var deadline: Date
    var expire: @Sendable () -> Void
  }

  // Guarded by `condition`.
  private var entries: [Int: Entry] = [:]
  private var nextToken = 0
  private var stopped = false
  private var running = false
  private let condition = NSCondition()

  /// Creates a watchdog.
  init() {}

  /// Calls `expire` once if the request is still registered `seconds` from now.
  ///
  /// `seconds` is capped at `EvalConfiguration.maximumTimeout`: a deadline past the end of the
  /// clock (about 9.2e9 s away) makes `NSCondition.wait(until:)` trap, and an infinite or NaN
  /// one would too. A NaN or negative timeout expires at once.
  func register(seconds: Double, expire: @escaping @Sendable () -> Void) -> Int {
    condition.lock()
    nextToken += 1
    let token = nextToken
    let bounded = seconds > 0 ? min(seconds, EvalConfiguration.maximumTimeout) : 0
    let deadline = Date().addingTimeInterval(bounded)
    let earliest = entries.values.allSatisfy { $0.deadline > deadline }
    entries[token] = Entry(deadline: deadline, expire: expire)
    let start = !running && !stopped
    if start { running = true }
    // Only a new earliest deadline needs the sleeping thread to recompute its wake-up time.
    if earliest { condition.signal() }
    condition.unlock()
    if start {
      let thread = Thread { [self] in loop() }
      thread.stackSize = 256 << 10
      thread.start()
    }
    return token
  }

  /// Forgets a request that finished in time.
  func unregister(_ token: Int) {
    condition.lock()
    entries.removeValue(forKey: token)
    condition.unlock()
  }

  /// Ends the watchdog thread.
  func stop() {
    condition.lock()
    stopped = true
    condition.signal()
    condition.unlock()
  }

  private func loop() {
    condition.lock()
    while !stopped {
      let now = Date()
      var expired: [@Sendable () -> Void] = []
      var earliest: Date?
      for (token, entry) in entries.sorted(by: { $0.key < $1.key }) {
        if entry.deadline <= now {
          expired.append(entry.expire)
          entries.removeValue(forKey: token)
        } else if earliest == nil || entry.deadline < earliest! {
          earliest = entry.deadline
        }
      }
      if !expired.isEmpty {
        condition.unlock()
        for expire in expired { expire() }
        condition.lock()
        continue
      }
      if let earliest {
        _ = condition.wait(until: earliest)
      } else {
        condition.wait()
      }
    }
    running = false
    condition.unlock()
  }
}
