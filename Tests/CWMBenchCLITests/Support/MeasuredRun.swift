import CWMBenchTestSupport
import Foundation

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate
@testable import CWMBenchReport

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built binary with `posix_spawn` and `wait4`, for the CPU time Foundation's `Process` does not report.
enum MeasuredRun {
  /// Exit status, wall seconds and CPU seconds (user + system, all threads) of one run; paths in
  /// `arguments` must be absolute (the child runs in this process's directory), stderr goes to `directory`.
  static func run(_ arguments: [String], in directory: String) async -> (status: Int32, wall: Double, cpu: Double) {
    // wait4 blocks: on a thread of its own, not one of the cooperative pool's.
    await withCheckedContinuation { continuation in
      Thread { continuation.resume(returning: blockingRun(arguments, in: directory)) }.start()
    }
  }

  private static func blockingRun(_ arguments: [String], in directory: String) -> (
    status: Int32, wall: Double, cpu: Double
  ) {
    var pid: pid_t = 0
    let argv = ([Binary.path] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, directory + "/measured.stderr", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let start = Date()
    guard posix_spawn(&pid, Binary.path, &actions, nil, argv, environ) == 0 else { return (-1, 0, 0) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let cpu =
      Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return ((status >> 8) & 0xFF, Date().timeIntervalSince(start), cpu)
  }
}
