import Foundation

/// Runs python3 (present on every machine here, standard library only) as an outside source of
/// ground truth: the one Python runner of every test target.
public enum Python {
  /// python3 exited non-zero.
  public struct Failure: Error, CustomStringConvertible {
    public var status: Int32
    public var output: String
    public var description: String { "python3 exited \(status): \(output)" }
  }

  /// Runs `script` with `input` on stdin and returns stdout; throws with stderr on failure.
  public static func run(_ script: String, input: String = "", arguments: [String] = []) throws -> String {
    String(decoding: try run(script, bytes: Array(input.utf8), arguments: arguments), as: UTF8.self)
  }

  /// `run`, with stdout split into lines (the last newline ends the last line).
  public static func lines(_ script: String, input: [UInt8] = [], arguments: [String] = []) throws -> [String] {
    let text = String(decoding: try run(script, bytes: input, arguments: arguments), as: UTF8.self)
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }

  /// Runs `script` with the bytes `input` on stdin and returns stdout's bytes.
  ///
  /// Input and outputs go through files, so no pipe can fill up and deadlock either side.
  public static func run(_ script: String, bytes input: [UInt8], arguments: [String] = []) throws -> [UInt8] {
    let directory = try TemporaryDirectory()
    let scriptPath = directory.file("script.py"), inputPath = directory.file("input")
    let stdout = directory.file("stdout"), stderr = directory.file("stderr")
    try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    try Data(input).write(to: URL(fileURLWithPath: inputPath))
    _ = FileManager.default.createFile(atPath: stdout, contents: nil)
    _ = FileManager.default.createFile(atPath: stderr, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", scriptPath] + arguments
    process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputPath))
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
    try process.run()
    process.waitUntilExit()
    let output = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: stdout))) ?? Data())
    guard process.terminationStatus == 0 else {
      let errors = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
      throw Failure(status: process.terminationStatus, output: errors + String(decoding: output, as: UTF8.self))
    }
    return output
  }
}
