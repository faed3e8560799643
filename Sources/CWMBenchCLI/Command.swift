/// One `cwmbench` subcommand: its description for parsing and help, and what it does.
public protocol Command: Sendable {
  /// Name, help, arguments and options.
  static var description: CommandDescription { get }
  /// Runs the command; throws `CLIError` (or any error) to fail with a message.
  static func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws
}
