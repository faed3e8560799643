import Foundation

/// The built `cwmbench` executable, next to the test bundle in the build folder.
enum Binary {
  static var path: String {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = testBinary.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("cwmbench").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      directory.deleteLastPathComponent()
    }
    return packageRoot + "/.build/debug/cwmbench"
  }

  /// The repository root, from this file's location.
  static var packageRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
  }

  /// Starts the binary (or `executable`, a helper such as `python3`); output goes to files so
  /// nothing blocks on a full pipe.
  static func start(
    _ arguments: [String], in directory: String, environment: [String: String] = [:], executable: String? = nil
  ) throws -> (Process, stdout: String, stderr: String) {
    let process = Process()
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.executableURL = URL(fileURLWithPath: executable ?? path)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let stdout = directory + "/.stdout-\(UUID().uuidString)"
    let stderr = directory + "/.stderr-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: stdout, contents: nil)
    _ = FileManager.default.createFile(atPath: stderr, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return (process, stdout, stderr)
  }

  /// Runs the binary (or `executable`) to completion, with `environment` added to this process's.
  ///
  /// The wait blocks its thread: the suites that call it carry `.offCooperativePool`.
  static func run(
    _ arguments: [String], in directory: String, environment: [String: String] = [:], executable: String? = nil
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    let (process, stdout, stderr) = try start(
      arguments, in: directory, environment: environment, executable: executable)
    process.waitUntilExit()
    return (
      process.terminationStatus, (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? "",
      (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
    )
  }
}
