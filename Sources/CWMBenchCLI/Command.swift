/// One `cwmbench` subcommand: a value of it is its parsed command line, and it runs itself.
///
/// As with swift-argument-parser's `ParsableCommand`, the command's stored properties are its
/// options (see `ParsableArguments`), so `run` reads typed values and help comes from the
/// same declarations the parser uses.
public protocol Command: ParsableArguments {
  /// The word that selects the command: `generate`.
  static var name: String { get }
  /// One sentence: the OVERVIEW line and the subcommand list entry.
  static var abstract: String { get }
  /// An optional paragraph shown after the overview.
  static var discussion: String { get }
  /// Two or three examples help ends with; every command declares its own.
  static var examples: [CommandExample] { get }
  /// Runs the command; throws `CLIError` (or any error) to fail with a message.
  func run(_ context: CommandContext) async throws
}

extension Command {
  /// No paragraph by default.
  public static var discussion: String { "" }

  /// Name, help, arguments and options, for help and usage lines.
  public static var description: CommandDescription {
    CommandDescription(
      name: name, abstract: abstract, discussion: discussion, arguments: argumentDescriptions,
      options: optionDescriptions, examples: examples)
  }

  /// Parses `arguments` (after the command's name) and runs the command.
  static func parseAndRun(_ arguments: [String], _ context: CommandContext) async throws {
    let command = try ArgumentParser.parse(arguments, as: Self.self)
    try await command.run(context)
  }
}
