import CWMBench
import Foundation

/// The `cwmbench` command line: parses arguments, runs a command, maps errors to exit codes.
public enum CWMBenchCLI {
  /// Runs the command line and returns the process exit status.
  public static func run(arguments: [String]) async -> Int32 {
    FileHandle.standardError.write(Data("cwmbench: no commands yet\n".utf8))
    return 1
  }
}
