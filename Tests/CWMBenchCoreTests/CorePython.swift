@testable import CWMBenchCore
import CWMBenchTestSupport
import Foundation

/// Runs python3 (standard library only) as the outside ground truth for core tests.
enum CorePython {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// Runs `script` with `input` on stdin and returns its stdout; throws when python exits non-zero.
  static func run(_ script: String, input: [UInt8] = [], arguments: [String] = []) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Feed stdin from another thread so a large input cannot deadlock against a full stdout pipe.
    let writer = Thread {
      stdin.fileHandleForWriting.write(Data(input))
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(description: "python3 failed: " + String(decoding: errors, as: UTF8.self))
    }
    return [UInt8](output)
  }

  /// `run`, with stdout decoded as UTF-8 lines.
  static func lines(_ script: String, input: [UInt8] = [], arguments: [String] = []) throws -> [String] {
    let text = String(decoding: try run(script, input: input, arguments: arguments), as: UTF8.self)
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }

  /// A fresh empty directory under the system temporary directory.
  static func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "cwmbench-core-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
