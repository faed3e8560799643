import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `Tests/Fixtures/fake_openai_server.py` on 127.0.0.1, started for one test and killed at its end.
final class LoopbackServer: Sendable {
  private let process: Process
  /// The port it listens on.
  let port: Int

  /// Starts the server with `arguments` (its fault flags) and waits for its port.
  init(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["python3", Binary.packageRoot + "/Tests/Fixtures/fake_openai_server.py", "--time-limit", "120"] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    var line: [UInt8] = []
    while let byte = output.fileHandleForReading.readData(ofLength: 1).first, byte != 0x0A { line.append(byte) }
    guard let port = Int(String(decoding: line, as: UTF8.self)) else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw CocoaError(.fileReadCorruptFile)
    }
    self.process = process
    self.port = port
  }

  /// The API root to give `--model`.
  var url: String { "http://127.0.0.1:\(port)/v1" }

  /// Stops the server (SIGKILL: a child of a test thread may have SIGTERM blocked).
  func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

/// Runs the built binary with `posix_spawn` and `wait4`, for the CPU time Foundation's `Process` does not report.
enum MeasuredRun {
  /// Exit status, wall seconds and CPU seconds (user + system, all threads) of one run; paths in
  /// `arguments` must be absolute (the child runs in this process's directory), stderr goes to `directory`.
  static func run(_ arguments: [String], in directory: String) -> (status: Int32, wall: Double, cpu: Double) {
    var pid: pid_t = 0
    let argv = ([Binary.path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
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
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return ((status >> 8) & 0xFF, Date().timeIntervalSince(start), cpu)
  }
}
