import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport

/// `cwmbench report`: turns eval runs into a CSV summary, plots and an HTML page.
public struct ReportCommand: Command {
  /// The options and arguments of `report`.
  public static var description: CommandDescription {
    CommandDescription(
      name: "report",
      abstract: "Summarise eval runs as CSV, SVG plots and HTML.",
      arguments: [ArgumentDescription("run", help: "Run folders written by eval.", isRepeating: true)],
      options: [
        OptionDescription(["--out"], valueName: "dir", help: "Output folder for the report; defaults to report/ (with --markdown alone, nothing is written)."),
        OptionDescription(["--train-length"], valueName: "n", help: "Training length to mark on the length plot."),
        .flag(["--markdown"], help: "Also print the summary as a Markdown table."),
        OptionDescription(["--title"], valueName: "text", help: "Title of the HTML report."),
      ])
  }

  /// Writes the report.
  public static func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws {
    try report(arguments, context)
  }
}
