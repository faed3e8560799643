import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Dispatch
import Foundation

/// Turns Ctrl-C into a cooperative stop: the first SIGINT asks work to finish cleanly, the second exits.
enum InterruptHandler {
  nonisolated(unsafe) private static var source: DispatchSourceSignal?

  /// Installs the handler once per process.
  static func install() {
    guard source == nil else { return }
    signal(SIGINT, SIG_IGN)
    let signalSource = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    signalSource.setEventHandler {
      if Cancellation.isRequested {
        // A second Ctrl-C means now; temporary files may be left under their `.tmp-` names.
        FileHandle.standardError.write(Data("\ninterrupted again: exiting now\n".utf8))
        exit(ExitCode.interrupted.rawValue)
      }
      Cancellation.request()
      FileHandle.standardError.write(Data("\ninterrupted: finishing work in flight (Ctrl-C again to quit now)\n".utf8))
    }
    signalSource.resume()
    source = signalSource
  }
}
