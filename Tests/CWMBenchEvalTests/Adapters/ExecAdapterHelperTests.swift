import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchEval

#if canImport(Glibc)
  import Glibc
#endif

/// An adapter that dies while a process it started keeps its stdout open (issue 22, item 13).
///
/// The stdout pipe then never reaches EOF; the exit must be noticed from the process itself
/// and the adapter restarted as after any crash, not every request left to wait out its timeout.
@Suite struct ExecAdapterHelperTests {
  @Test(arguments: [1, 3])
  func crashLeavingAHelperOnStdoutIsRestarted(crashAfter: Int) async throws {
    let folder = try TemporaryDirectory()
    let helperPID = folder.file("helper.pid")
    defer {
      if let text = try? String(contentsOfFile: helperPID, encoding: .utf8), let pid = Int32(text) {
        kill(pid, SIGKILL)
      }
    }
    let log = LogRecorder()
    let adapter = ExecAdapter(
      command: AdapterTestSupport.adapterCommand("crash_midway.py"),
      environment: [
        "CRASH_AFTER": String(crashAfter), "CRASH_MARKER": folder.file("crashed"), "CRASH_HELPER_PID": helperPID,
      ], maxRestarts: 1, log: log.sink)
    _ = try await adapter.start()
    let operation = ModelRequest.Operation.generate(prompt: ">>> a = 1\n", maxTokens: 4, stop: ["\n"])
    // The request that crashed the first life is re-sent to the second, which answers it; 60 s
    // is far beyond a restart, even with CPython starting on a loaded 2-core machine, and far
    // below the helper's 300 s life, whose end would close the pipe.
    for index in 1...crashAfter {
      let response = try await EvalRunner.withTimeout(60) {
        try await adapter.send(AdapterTestSupport.request("h\(index)", operation))
      }
      #expect(response == .generate("10"))
    }
    #expect(FileManager.default.fileExists(atPath: helperPID))
    #expect(log.all.contains { $0.contains("restarting it (1 of 1)") }, "\(log.all)")
    await adapter.shutdown()
  }
}
