import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Foundation

/// The `cwmbench` command line: parses arguments, runs a command, maps errors to exit codes.
public enum CWMBenchCLI {
  /// The tool's name as usage lines show it.
  public static let toolName = "cwmbench"

  /// Every subcommand, in the order help lists them.
  public static let commands: [any Command.Type] = [
    GenerateCommand.self, ShowCommand.self, ListCommand.self, EvalCommand.self, RescoreCommand.self, ReportCommand.self,
  ]

  /// The top-level command: no options of its own besides `--version` and help.
  public static var rootDescription: CommandDescription {
    CommandDescription(
      name: toolName,
      abstract: "Generate state-tracking tasks, evaluate models on them, and report accuracy curves.",
      subcommands: commands.map { $0.description },
      version: cwmbenchVersion, examples: rootExamples)
  }

  /// The quick start, ending `cwmbench --help`.
  static let rootExamples = [
    CommandExample("Generate the demo suite:", ["generate", "Tasks/default.json"]),
    CommandExample("Evaluate the oracle baseline on it:", ["eval", "out/default.jsonl", "--model", "oracle"]),
    CommandExample("Write the report to report/index.html:", ["report", "runs/default/oracle"]),
  ]

  /// Runs the command line and returns the process exit status.
  public static func run(arguments: [String]) async -> Int32 {
    InterruptHandler.install(termination: ["eval", "generate"].contains(arguments.first ?? ""))
    return await run(arguments: arguments, context: .process())
  }

  /// Runs the command line against `context`, so tests can capture what it prints.
  public static func run(arguments: [String], context: CommandContext) async -> Int32 {
    var output = context.standardOutput
    var errors = context.standardError
    let root = rootDescription
    let rootPath = [toolName]

    func rootUsageError(_ error: ArgumentParsingError) -> Int32 {
      HelpFormatter.writeError(error.description, for: root, path: rootPath, to: &errors)
      return ExitCode.usage.rawValue
    }

    guard let first = arguments.first, !CommandDescription.helpNames.contains(first) else {
      HelpFormatter.writeHelp(for: root, path: rootPath, to: &output)
      return ExitCode.success.rawValue
    }
    if first == "--version" {
      output.write(cwmbenchVersion + "\n")
      return ExitCode.success.rawValue
    }
    if first == "help" {
      let rest = arguments.dropFirst()
      guard let name = rest.first else {
        HelpFormatter.writeHelp(for: root, path: rootPath, to: &output)
        return ExitCode.success.rawValue
      }
      guard let command = command(named: name) else { return rootUsageError(unknownSubcommand(name)) }
      guard rest.count == 1 else { return rootUsageError(.unexpectedArguments(Array(rest.dropFirst()))) }
      HelpFormatter.writeHelp(for: command.description, path: rootPath + [name], to: &output)
      return ExitCode.success.rawValue
    }
    if ArgumentParser.looksLikeOption(first) {
      let names = ["--version"] + CommandDescription.helpNames
      return rootUsageError(.unknownOption(first, suggestion: Suggestion.closest(to: first, in: names)))
    }
    guard let command = command(named: first) else { return rootUsageError(unknownSubcommand(first)) }

    let description = command.description
    let path = rootPath + [description.name]
    func usageError(_ message: String, helpLine: String? = nil) -> Int32 {
      HelpFormatter.writeError(message, helpLine: helpLine, for: description, path: path, to: &errors)
      return ExitCode.usage.rawValue
    }

    do {
      try await command.parseAndRun(Array(arguments.dropFirst()), context)
      return ExitCode.success.rawValue
    } catch ArgumentParsingError.helpRequested {
      HelpFormatter.writeHelp(for: description, path: path, to: &output)
      return ExitCode.success.rawValue
    } catch let error as ArgumentParsingError {
      return usageError(error.description, helpLine: error.helpLine)
    } catch let error as CLIError {
      if case .usage(let message) = error { return usageError(message) }
      errors.write("Error: \(oneLine(error.description))\n")
      return error.exitCode.rawValue
    } catch is CancellationError {
      errors.write("Error: \(CLIError.interrupted)\n")
      return ExitCode.interrupted.rawValue
    } catch {
      errors.write("Error: \(oneLine(String(describing: error)))\n")
      return ExitCode.failure.rawValue
    }
  }

  /// The error for a word that names no subcommand, suggesting the nearest that does.
  static func unknownSubcommand(_ name: String) -> ArgumentParsingError {
    .unknownSubcommand(name, suggestion: Suggestion.closest(to: name, in: commands.map { $0.name } + ["help"]))
  }

  /// The subcommand called `name`.
  public static func command(named name: String) -> (any Command.Type)? {
    commands.first { $0.name == name }
  }

  /// The message with its line breaks folded, so an error is always one line of the log.
  static func oneLine(_ message: String) -> String {
    message.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
      .joined(separator: " ")
  }
}
