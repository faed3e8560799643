import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A Python test server on 127.0.0.1 (`Tests/Fixtures`) that prints its port on its first line.
struct LoopbackServer {
  /// The server process.
  let process: Process
  /// The port it listens on.
  let port: Int

  /// Starts `python3 packageRoot/Tests/Fixtures/SCRIPT ARGUMENTS…` and reads its port.
  init(packageRoot: String, script: String, arguments: [String]) throws {
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", packageRoot + "/Tests/Fixtures/" + script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    var portLine: [UInt8] = []
    while let byte = pipe.fileHandleForReading.readData(ofLength: 1).first, byte != 0x0A { portLine.append(byte) }
    guard let port = Int(String(decoding: portLine, as: UTF8.self)) else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      fatalError("\(script) printed no port")
    }
    self.port = port
  }

  /// Ends the server and waits for it.
  func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}
