import Foundation

/// Waits for a started process, killing it after a deadline, so a hung helper (a browser, a TeX
/// run) cannot hang the suite.
public enum ProcessDeadline {
  /// Waits up to `seconds` for `process`; kills it (SIGKILL) if it is still running then.
  ///
  /// - Returns: whether the process finished by itself.
  /// - Complexity: polls every 0.1 s; blocks its thread (callers' suites are `.offCooperativePool`).
  @discardableResult
  public static func wait(for process: Process, seconds: TimeInterval) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
    guard process.isRunning else { return true }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return false
  }
}
