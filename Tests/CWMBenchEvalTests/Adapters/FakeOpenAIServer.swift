import CWMBenchTestSupport
import Foundation

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// `Tests/Fixtures/fake_openai_server.py`, started for one test and killed at its end.
final class FakeOpenAIServer: Sendable {
  private let process: Process
  /// The port it listens on at 127.0.0.1.
  let port: Int

  /// Starts the server with `arguments` (its fault flags) and waits for its port.
  init(_ arguments: [String] = []) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      [
        "python3", AdapterTestSupport.fixtures.appendingPathComponent("fake_openai_server.py").path, "--time-limit",
        "60",
      ]
      + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    var line: [UInt8] = []
    while true {
      let byte = output.fileHandleForReading.readData(ofLength: 1)
      guard let first = byte.first else { break }
      if first == 0x0A { break }
      line.append(first)
    }
    guard let port = Int(String(decoding: line, as: UTF8.self)) else {
      kill(process.processIdentifier, SIGKILL)
      throw CocoaError(.fileReadCorruptFile)
    }
    self.process = process
    self.port = port
  }

  /// The API root to give the adapter.
  var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/v1")! }

  /// Stops the server.
  func stop() {
    // SIGKILL: a child spawned from a test thread may inherit a mask that blocks SIGTERM.
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}
