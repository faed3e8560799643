import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport

/// `cwmbench eval`: asks a model every query of a task file and records the answers.
public struct EvalCommand: Command {
  /// The options and arguments of `eval`.
  public static var description: CommandDescription {
    CommandDescription(
      name: "eval",
      abstract: "Evaluate a model on a task file.",
      discussion: """
        Writes results.jsonl and run.json into the output folder. Running the same command \
        again resumes: examples already answered are skipped. An HTTP model's key comes from \
        CWMBENCH_API_KEY or OPENAI_API_KEY, never from a flag.
        """,
      arguments: [ArgumentDescription("tasks", help: "A task file (.jsonl) written by generate.")],
      options: [
        OptionDescription(
          ["--model"], valueName: "spec",
          help: "oracle, random, last-reveal, exec:COMMAND, http(s)://…/v1, a checkpoint folder or a .gguf file.",
          isRequired: true),
        OptionDescription(["--model-name"], valueName: "name", help: "The served model's name, for an HTTP server."),
        OptionDescription(
          ["--mode"], valueName: "mode",
          help: "How the model is asked: auto, \(EvalMode.allCases.map(\.rawValue).joined(separator: ", ")).",
          defaultValue: "auto"),
        OptionDescription(["--out"], valueName: "dir", help: "Output folder for results.jsonl and run.json; defaults to runs/<suite>/<model>."),
        OptionDescription(["--concurrency"], valueName: "n", help: "Requests in flight at once; defaults to the adapter's preference (64 for exec:, 8 for HTTP)."),
        OptionDescription(["--timeout"], valueName: "seconds", help: "Time allowed for one answer.", defaultValue: "120"),
        OptionDescription(
          ["--start-timeout"], valueName: "seconds", help: "Time allowed for the model to start.", defaultValue: "600"),
        OptionDescription(["--retries"], valueName: "n", help: "Retries of a failed request.", defaultValue: "3"),
        OptionDescription(["--shard"], valueName: "i/n", help: "Evaluate only shard i of n."),
        .flag(["--fresh"], help: "Start over instead of resuming."),
        .flag(["--chat"], help: "Send prompts through the server's chat template."),
        OptionDescription(["--limit"], valueName: "n", help: "Evaluate at most n examples."),
        .flag(["--quiet"], help: "Print nothing but errors."),
        OptionDescription(["--max-restarts"], valueName: "n", help: "Restarts of a crashed adapter process.", defaultValue: "3"),
      ])
  }

  /// Runs the evaluation.
  public static func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws {
    try await evaluate(arguments, context)
  }
}
