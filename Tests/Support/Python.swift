import Foundation

/// Runs python3 (present on every machine here) as an outside source of ground truth.
public enum Python {
  public struct Failure: Error, CustomStringConvertible {
    public var status: Int32
    public var output: String
    public var description: String { "python3 exited \(status): \(output)" }
  }

  /// Runs `script` with `input` on stdin and returns stdout; throws with stderr on failure.
  public static func run(_ script: String, input: String = "", arguments: [String] = []) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cwmbench-py-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let scriptURL = directory.appendingPathComponent("script.py")
    let inputURL = directory.appendingPathComponent("input")
    try script.write(to: scriptURL, atomically: true, encoding: .utf8)
    try input.write(to: inputURL, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", scriptURL.path] + arguments
    process.standardInput = try FileHandle(forReadingFrom: inputURL)
    let stdout = directory.appendingPathComponent("stdout")
    let stderr = directory.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: stdout)
    process.standardError = try FileHandle(forWritingTo: stderr)
    try process.run()
    process.waitUntilExit()
    let output = (try? String(contentsOf: stdout, encoding: .utf8)) ?? ""
    guard process.terminationStatus == 0 else {
      let errors = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
      throw Failure(status: process.terminationStatus, output: errors + output)
    }
    return output
  }
}
