import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport

/// `cwmbench eval`: asks a model every query of a task file and records the answers.
public struct EvalCommand: Command {
  public static let name = "eval"
  public static let abstract = "Evaluate a model on a task file."
  public static let discussion = """
    Writes results.jsonl and run.json into the output folder. Running the same command \
    again resumes: examples already answered are skipped. An HTTP model's key comes from \
    CWMBENCH_API_KEY or OPENAI_API_KEY, never from a flag.
    """
  public static let examples = [
    CommandExample(
      "The oracle baseline on the demo suite (results in runs/default/oracle/):",
      ["eval", "out/default.jsonl", "--model", "oracle"]),
    CommandExample(
      "The first 100 examples, asked of a model served over HTTP:",
      ["eval", "out/default.jsonl", "--model", "http://localhost:8000/v1", "--limit", "100"]),
    CommandExample(
      "A program that speaks cwmbench/1 on standard input and output:",
      ["eval", "out/default.jsonl", "--model", "exec:python3 my_adapter.py"]),
  ]

  var tasks = ""
  var model = ""
  var modelName: String?
  var mode = EvalModeChoice.auto
  var out: String?
  var concurrency: Int?
  var timeout = EvalConfiguration.defaultTimeout
  var startTimeout = EvalConfiguration.defaultStartTimeout
  var retries = EvalConfiguration.defaultRetries
  var shard: EvalConfiguration.Shard?
  var fresh = false
  var chat = false
  var limit: Int?
  var quiet = false
  var maxRestarts = ExecAdapter.defaultMaxRestarts

  /// Every option at its default.
  public init() {}

  /// The options and arguments of `eval`.
  public static var declarations: [ArgumentDeclaration<EvalCommand>] {
    [
      .argument("tasks", \.tasks, help: "A task file (.jsonl) written by generate."),
      .required(
        "--model", \.model, valueName: "spec",
        help: "oracle, random, last-reveal, exec:COMMAND, http(s)://…/v1, a checkpoint folder or a .gguf file."),
      .option("--model-name", \.modelName, valueName: "name", help: "The served model's name, for an HTTP server."),
      .option("--mode", \.mode, valueName: "mode", help: "How the model is asked"),
      .option(
        "--out", \.out, valueName: "dir",
        help: "Output folder for results.jsonl and run.json; defaults to runs/<suite>/<model>."),
      .option(
        "--concurrency", \.concurrency, valueName: "n",
        help: "Requests in flight at once; defaults to the adapter's preference (64 for exec:, 8 for HTTP).",
        check: .atLeast(1)),
      .option(
        "--timeout", \.timeout, valueName: "seconds", help: "Time allowed for one answer.",
        check: .greaterThan(0, atMost: EvalConfiguration.maximumTimeout)),
      .option(
        "--start-timeout", \.startTimeout, valueName: "seconds", help: "Time allowed for the model to start.",
        check: .greaterThan(0, atMost: EvalConfiguration.maximumTimeout)),
      .option("--retries", \.retries, valueName: "n", help: "Retries of a failed request.", check: .atLeast(0)),
      .option("--shard", \.shard, valueName: "i/n", help: "Evaluate only shard i of n."),
      .flag("--fresh", \.fresh, help: "Start over instead of resuming."),
      .flag("--chat", \.chat, help: "Send prompts through the server's chat template."),
      .option("--limit", \.limit, valueName: "n", help: "Evaluate at most n examples."),
      .flag("--quiet", \.quiet, help: "Print nothing but errors."),
      .option(
        "--max-restarts", \.maxRestarts, valueName: "n", help: "Restarts of a crashed adapter process.",
        check: .atLeast(0)),
    ]
  }

  /// Runs the evaluation.
  public func run(_ context: CommandContext) async throws {
    try await evaluate(context)
  }
}
