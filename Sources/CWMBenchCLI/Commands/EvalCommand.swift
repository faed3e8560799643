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
      "An adapter program speaking cwmbench/1 on stdin and stdout (results in runs/default/…):",
      ["eval", "out/default.jsonl", "--model", "exec:python3 my_adapter.py"]),
    CommandExample(
      "A chat server, 3 solved train examples as chat turns before each question, the last line kept:",
      [
        "eval", "s5.jsonl", "--model", "http://h:8000/v1", "--chat", "--few-shot", "3", "--few-shot-from",
        "train/s5.jsonl", "--extract", "last-line",
      ]),
    CommandExample(
      "A GGUF model (its context sized from the file), generating at temperature 0.7:",
      ["eval", "s5.jsonl", "--model", "m.gguf", "--mode", "generate", "--temperature", "0.7"]),
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
  var system: String?
  var instruction: String?
  var extract = "first-line"
  var maxTokens: Int?
  var temperature: Double = 0
  var fewShot: Int?
  var fewShotFrom: String?
  var nCtx: Int?
  var specialTokens = SpecialTokens.auto

  /// Every option at its default.
  public init() {}

  /// The options and arguments of `eval`.
  public static var declarations: [ArgumentDeclaration<EvalCommand>] {
    [
      .argument("tasks", \.tasks, help: "A task file (.jsonl) written by generate."),
      .required(
        "--model", \.model, valueName: "spec",
        help: "oracle, random, last-reveal, exec:COMMAND, http(s)://…/v1, a checkpoint folder or a .gguf file."),
      .option(
        "--model-name", \.modelName, valueName: "name",
        help:
          "The served model's name (an HTTP server's only model by default); the name results use, "
          + "e.g. --model-name Qwen/Qwen2.5-0.5B"),
      .option(
        "--mode", \.mode, valueName: "mode",
        help:
          "How the model is asked; auto is score when the model can, but generate when a server's score "
          + "request would make the run over 4 times longer (e.g. --mode generate)"),
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
      .flag(
        "--chat", \.chat,
        help:
          "Generate through an HTTP server's chat template, each question opened by its family's instruction, "
          + "e.g. --chat --system 'Be terse.' --few-shot 3"),
      .option("--limit", \.limit, valueName: "n", help: "Evaluate at most n examples."),
      .flag("--quiet", \.quiet, help: "Print nothing but errors."),
      .option(
        "--max-restarts", \.maxRestarts, valueName: "n", help: "Restarts of a crashed adapter process.",
        check: .atLeast(0)),
      .option(
        "--system", \.system, valueName: "text", help: "A system prompt (needs --chat), e.g. --system 'Be terse.'"),
      .option(
        "--instruction", \.instruction, valueName: "text|@file",
        help:
          "Replaces each family's instruction (with --chat), or is put before the text (without), "
          + "e.g. --instruction @prompt.txt"),
      .option(
        "--extract", \.extract, valueName: "rule",
        help:
          "How the answer is taken from a reply: first-line, last-line or regex:PATTERN (its first group), "
          + "e.g. --extract 'regex:answer is: (.*)'"),
      .option(
        "--max-tokens", \.maxTokens, valueName: "n",
        help: "Tokens a reply may take, e.g. --max-tokens 64; defaults to twice the answer's bytes, at least 16.",
        check: .atLeast(1)),
      .option(
        "--temperature", \.temperature, valueName: "t",
        help:
          "Sampling temperature of generate mode (HTTP, exec:, .gguf and checkpoints; "
          + "the same request samples the same reply), e.g. --temperature 0.7.",
        check: .range(0, PromptSettings.maximumTemperature)),
      .option(
        "--few-shot", \.fewShot, valueName: "n",
        help: "Solved examples of the same cell before each question, e.g. --few-shot 3.",
        check: .atLeast(1)),
      .option(
        "--few-shot-from", \.fewShotFrom, valueName: "train.jsonl",
        help: "The task file 'generate --split train' wrote for the same spec, e.g. --few-shot-from train/s5.jsonl."),
      .option(
        "--n-ctx", \.nCtx, valueName: "tokens",
        help:
          "A .gguf model's context, e.g. --n-ctx 4096; defaults to the task file's longest trace, shots and answer.",
        check: .atLeast(64)),
      .option(
        "--special-tokens", \.specialTokens, valueName: "when",
        help: "CWM's markers as a .gguf's special tokens (e.g. --special-tokens on)"),
    ]
  }

  /// Runs the evaluation.
  public func run(_ context: CommandContext) async throws {
    try await evaluate(context)
  }
}

/// What `eval --special-tokens` takes: whether a `.gguf` model reads CWM's markers as special tokens.
enum SpecialTokens: String, ArgumentValue, CaseIterable {
  /// When the vocabulary has every marker as one token.
  case auto
  /// Always, for the markers the vocabulary has.
  case on
  /// Never: the markers are plain text.
  case off
}
