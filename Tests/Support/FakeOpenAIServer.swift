import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `Tests/Fixtures/fake_openai_server.py` on 127.0.0.1, started for one test and killed at its end.
public final class FakeOpenAIServer: Sendable {
  private let process: Process
  /// The port it listens on.
  public let port: Int

  private init(process: Process, port: Int) {
    self.process = process
    self.port = port
  }

  /// Starts the server with `arguments` (its fault flags) and waits for it to print its port.
  ///
  /// `fixture` names another server script in `Tests/Fixtures` that prints its port the same
  /// way: `raw_http_server.py` writes broken answers no server library would.
  ///
  /// The wait is on a thread of its own: CPython starting on a loaded machine takes seconds,
  /// which a cooperative thread must not spend blocked (see ``OffCooperativePoolTrait``).
  /// After `timeLimit` seconds the server exits by itself, whatever the test does.
  public static func start(
    _ arguments: [String] = [], timeLimit: Int = 300, fixture: String = "fake_openai_server.py"
  ) async throws -> FakeOpenAIServer {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/" + fixture).path
    process.arguments = ["python3", script, "--time-limit", String(timeLimit)] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let line = await withCheckedContinuation { continuation in
      Thread {
        var line: [UInt8] = []
        while let byte = output.fileHandleForReading.readData(ofLength: 1).first, byte != 0x0A { line.append(byte) }
        continuation.resume(returning: String(decoding: line, as: UTF8.self))
      }.start()
    }
    guard let port = Int(line) else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw CocoaError(.fileReadCorruptFile)
    }
    return FakeOpenAIServer(process: process, port: port)
  }

  /// The API root, as a URL for the adapter.
  public var baseURL: URL { URL(string: url)! }

  /// The API root, as text for `--model`.
  public var url: String { "http://127.0.0.1:\(port)/v1" }

  /// Stops the server (SIGKILL: a child of a test thread may have SIGTERM blocked).
  public func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}
