import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport

/// `cwmbench report`: turns eval runs into a CSV summary, plots and an HTML page.
public struct ReportCommand: Command {
  public static let name = "report"
  public static let abstract = "Summarise eval runs as CSV, SVG plots and HTML."
  public static let examples = [
    CommandExample(
      "Compare two runs; the page is report/index.html:", ["report", "runs/default/oracle", "runs/default/random"]),
    CommandExample(
      "Add summary.tex's tables and column-sized plots for a paper:",
      ["report", "runs/default/oracle", "--out", "paper-report", "--paper"]),
    CommandExample(
      "A run on s5-final with GPT-5's and CWM's published accuracies beside it:",
      ["report", "runs/gemma", "--reference", "Results/published/2602.07672-s5.csv"]),
  ]

  var runs: [String] = []
  var out: String?
  var trainLength: Int?
  var markdown = false
  var title: String?
  var completeOnly = false
  var diff: [String] = []
  var references: [String] = []
  var paper = false
  var samples = SampleLimit.all

  /// Every option at its default.
  public init() {}

  /// The options and arguments of `report`.
  public static var declarations: [ArgumentDeclaration<ReportCommand>] {
    [
      .arguments("run", \.runs, help: "Run folders written by eval."),
      .option(
        "--out", \.out, valueName: "dir",
        help: "Output folder for the report; defaults to report/ (with --markdown alone, nothing is written)."),
      .option(
        "--train-length", \.trainLength, valueName: "n", help: "Training length to mark on the length plot.",
        check: .atLeast(1)),
      .flag("--markdown", \.markdown, help: "Also print the summary as a Markdown table."),
      .option("--title", \.title, valueName: "text", help: "Title of the HTML report."),
      .flag(
        "--complete-only", \.completeOnly,
        help: "Leave out each model's cells with a failed example or one without a result."),
      .list(
        "--diff", \.diff, valueName: "a,b",
        help: "Write accuracy_diff for this pair alone, as a minus b (both must have run one task file)."),
      .list(
        "--reference", \.references, valueName: "file.csv",
        help: "Published rows (summary.csv's columns and 'source') drawn dashed beside the measured ones; repeatable."),
      .flag(
        "--paper", \.paper,
        help: "Also write the line plots sized for a 3.25-inch paper column (text at least 8 pt) into OUT/paper/."),
      .option(
        "--samples", \.samples, valueName: "all|none|n",
        help:
          "Examples per cell the page's sample browser gets (OUT/samples/): all, none, or the first n of each cell (--samples 20 keeps a committed report small)."
      ),
    ]
  }

  /// Writes the report.
  public func run(_ context: CommandContext) async throws {
    try report(context)
  }
}
