import CWMBenchTestSupport
import Foundation

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats
@testable import CWMBenchGenerate
@testable import CWMBenchReport

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
