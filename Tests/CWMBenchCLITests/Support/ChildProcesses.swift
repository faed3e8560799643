import CWMBenchTestSupport
import Foundation

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate
@testable import CWMBenchReport

/// Adapter processes a test started through the binary, found by the pids the fixture
/// adapters write to `PID_FILE`, so the test can check they are gone and kill any that are not.
enum ChildProcesses {
  /// Whether `pid` is a live process (a zombie waiting to be reaped is not).
  static func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
      return kill(pid, 0) == 0
    }
    // The state follows the parenthesised command name: "123 (python3) S ...".
    guard let close = stat.lastIndex(of: ")") else { return true }
    let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
    return state != "Z" && state != "X"
  }

  /// The pids listed in `file`, one a line.
  static func pids(in file: String) -> [Int32] {
    ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int32($0) }
  }

  /// Waits up to `seconds` for every pid to be gone; returns those still alive.
  static func waitUntilGone(_ pids: [Int32], seconds: Double) async -> [Int32] {
    let deadline = Date().addingTimeInterval(seconds)
    var alive = pids.filter(isAlive)
    while !alive.isEmpty, Date() < deadline {
      try? await Task.sleep(nanoseconds: 50_000_000)
      alive = alive.filter(isAlive)
    }
    return alive
  }

  /// Kills whatever of `pids` is still alive: tests clean up what they start.
  static func killSurvivors(_ pids: [Int32]) {
    for pid in pids where isAlive(pid) { kill(pid, SIGKILL) }
  }
}
