import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import Foundation

/// `cwmbench rescore`: extracts the answers of a finished generate run again with another rule.
public struct RescoreCommand: Command {
  public static let name = "rescore"
  public static let abstract = "Extract a generate run's answers again, into a new run folder."
  public static let discussion = """
    Reads the replies a generate run kept in results.jsonl and takes the answer out of each with \
    --extract, writing results.jsonl and run.json into --out. The model is not asked again and \
    the original folder is not changed.
    """
  public static let examples = [
    CommandExample(
      "The last line of every reply instead of the first:",
      ["rescore", "runs/gemma", "--extract", "last-line", "--out", "runs/gemma-last"]),
    CommandExample(
      "What follows 'answer is:' in each reply:",
      ["rescore", "runs/gemma", "--extract", "regex:is: *(.*)", "--out", "runs/gemma-re"]),
  ]

  var run = ""
  var extract = "first-line"
  var out = ""

  /// Every option at its default.
  public init() {}

  /// The options and arguments of `rescore`.
  public static var declarations: [ArgumentDeclaration<RescoreCommand>] {
    [
      .argument("run", \.run, help: "A run folder of 'eval --mode generate' (holding run.json and results.jsonl)."),
      .option(
        "--extract", \.extract, valueName: "rule",
        help: "How the answer is taken from a reply: first-line, last-line or regex:PATTERN (its first group)."),
      .required("--out", \.out, valueName: "dir", help: "The new run folder; must not exist or be empty."),
    ]
  }

  /// Rescores the run.
  public func run(_ context: CommandContext) async throws {
    let extraction: AnswerExtraction
    do { extraction = try AnswerExtraction(parsing: extract) } catch { throw CLIError.usage(error.description) }
    let runPath = resolve(run, in: context)
    guard FileManager.default.fileExists(atPath: (runPath as NSString).appendingPathComponent("run.json")) else {
      throw CLIError.noInput(
        "no run folder at '\(run)' (no run.json); write one with 'cwmbench eval … --mode generate'")
    }
    let summary: Rescorer.Summary
    do {
      summary = try Rescorer.rescore(runFolder: runPath, extraction: extraction, outFolder: resolve(out, in: context))
    } catch {
      switch error {
      case .invalidOption(let message): throw CLIError.usage(message)
      case .badTasks(let message): throw CLIError.badData(message)
      default: throw CLIError.failure(error.description)
      }
    }
    let accuracy = summary.queries > 0 ? Double(summary.correct) / Double(summary.queries) : 0
    var output = context.standardOutput
    output.write(
      "rescored \(summary.examples) examples with --extract \(extraction): accuracy "
        + String(format: "%.3f", locale: Locale(identifier: "en_US_POSIX"), accuracy)
        + " over \(summary.queries) queries\nresults: \(out)/results.jsonl\n")
  }
}
