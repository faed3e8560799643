import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport

/// `cwmbench show`: prints one example of a task file with its queries marked.
public struct ShowCommand: Command {
  /// The options and arguments of `show`.
  public static var description: CommandDescription {
    CommandDescription(
      name: "show",
      abstract: "Show one example of a task file with its queries.",
      arguments: [ArgumentDescription("file", help: "A task file (.jsonl) written by generate.")],
      options: [
        OptionDescription(["--id"], valueName: "id", help: "The example's id."),
        OptionDescription(["--index"], valueName: "n", help: "The example's line number, from 0.", defaultValue: "0"),
      ])
  }

  /// Prints the example.
  public static func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws {
    try show(arguments, context)
  }
}
