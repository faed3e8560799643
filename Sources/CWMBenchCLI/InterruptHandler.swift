import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Dispatch
import Foundation

/// Turns Ctrl-C, SIGTERM and SIGHUP into a cooperative stop: the first asks work to finish
/// cleanly (eval writes the examples in flight and records `interrupted`), a second exits.
///
/// SIGTERM (what `kill`, systemd and batch schedulers send) and SIGHUP (a closed terminal or
/// SSH session) are treated exactly like Ctrl-C, so a run stopped by any of them resumes.
enum InterruptHandler {
  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

  /// The signals handled, with the name the message gives.
  static let signals: [(number: Int32, name: String)] = [
    (SIGINT, "interrupted"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"),
  ]

  /// Installs the handlers once per process.
  ///
  /// `termination` adds SIGTERM and SIGHUP; only commands that stop cooperatively (`eval`,
  /// `generate`) want it, the others keep the default of dying at once.
  static func install(termination: Bool) {
    guard sources.isEmpty else { return }
    for (number, name) in signals where termination || number == SIGINT {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        if Cancellation.isRequested {
          // A second signal means now; temporary files may be left under their `.tmp-` names.
          FileHandle.standardError.write(Data("\n\(name) again: exiting now\n".utf8))
          exit(ExitCode.interrupted.rawValue)
        }
        Cancellation.request()
        let again = number == SIGINT ? "Ctrl-C" : "send it"
        FileHandle.standardError.write(
          Data("\n\(name): stopping cleanly (\(again) again to quit now)\n".utf8))
      }
      source.resume()
      sources.append(source)
    }
  }
}
