import Foundation

/// What a running command may touch besides its arguments: output streams and the environment.
///
/// Commands take these from here instead of the process globals, so tests can run them
/// in-process and read what they printed.
public struct CommandContext: Sendable {
  /// Where results go.
  public var standardOutput: OutputSink
  /// Where progress, warnings and errors go.
  public var standardError: OutputSink
  /// Whether standard error is a terminal, so progress may redraw a line in place.
  public var isStandardErrorTerminal: Bool
  /// The process environment (API keys, adapter settings).
  public var environment: [String: String]
  /// The folder relative paths are resolved against.
  public var currentDirectory: String

  /// Creates a context.
  public init(
    standardOutput: OutputSink, standardError: OutputSink, isStandardErrorTerminal: Bool = false,
    environment: [String: String] = [:], currentDirectory: String = FileManager.default.currentDirectoryPath
  ) {
    self.standardOutput = standardOutput
    self.standardError = standardError
    self.isStandardErrorTerminal = isStandardErrorTerminal
    self.environment = environment
    self.currentDirectory = currentDirectory
  }

  /// The context of this process: its standard streams, environment and working directory.
  public static func process() -> CommandContext {
    CommandContext(
      standardOutput: .standardOutput, standardError: .standardError,
      isStandardErrorTerminal: isatty(2) != 0,
      environment: ProcessInfo.processInfo.environment,
      currentDirectory: FileManager.default.currentDirectoryPath)
  }

  /// A context writing to memory, for tests; read the output through the sinks' `contents`.
  public static func memory(
    environment: [String: String] = [:], currentDirectory: String = FileManager.default.currentDirectoryPath
  ) -> CommandContext {
    CommandContext(
      standardOutput: .memory(), standardError: .memory(), isStandardErrorTerminal: false,
      environment: environment, currentDirectory: currentDirectory)
  }
}
