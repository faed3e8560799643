import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport

/// `cwmbench generate`: writes task files from suite specs or from a grid given as flags.
public struct GenerateCommand: Command {
  public static let name = "generate"
  public static let abstract = "Generate tasks of the families perm, pfsa, strings and programs."
  public static let discussion = """
    Each suite spec (Tasks/*.json) becomes NAME.jsonl and NAME.manifest.json in the output \
    folder. Without a spec, the grid is taken from the flags; list flags take comma-separated \
    values and are crossed. The same spec, split and version always give byte-identical files.
    """

  var specs: [String] = []
  var out = "out"
  var split = Split.test
  var jobs: Int?
  var examples: Int?
  var seed: UInt64?
  var suiteName = "inline"
  var family: Family?
  var group: [String] = []
  var length: [Int] = []
  var spacing: [Spacing] = []
  var actions: [ActionKind] = []
  var reveal: [RevealKind] = []
  var hidden: [SpecNumber] = []
  var choices: [Int] = []
  var maxValue: Int?
  var render: [RenderKind] = []
  var width: [Int] = []
  var variables: [Int] = []
  var edits: [String] = []
  var program: [String] = []
  var quiet = false
  var maxOutputGB = 20.0

  /// Every option at its default.
  public init() {}

  /// The options and arguments of `generate`.
  public static var declarations: [ArgumentDeclaration<GenerateCommand>] {
    [
      .arguments("spec", \.specs, help: "Suite spec files (Tasks/*.json).", isOptional: true),
      .option("--out", \.out, valueName: "dir", help: "Output folder."),
      .option("--split", \.split, valueName: "split", help: "Which split to write"),
      .option(
        "--jobs", \.jobs, valueName: "n", help: "Examples generated in parallel; defaults to the number of cores.",
        check: .range(1, 1024)),
      .option(
        "--examples", \.examples, valueName: "n", help: "Examples per cell (overrides the spec).",
        check: .range(1, SuiteSpec.maximumExamples)),
      // A spec's seed is a JSON integer, so a seed from the flags is one too.
      .option(
        "--seed", \.seed, valueName: "s", help: "Suite seed (overrides the spec).", check: .atMost(UInt64(Int.max))),
      .option("--name", \.suiteName, valueName: "name", help: "Suite name when the grid comes from flags."),
      .option("--family", \.family, valueName: "family", help: "Task family"),
      .list("--group", \.group, help: "Groups, e.g. S3,S5,A5,Z7."),
      .list("--length", \.length, help: "Trace lengths: actions, edits or line events per trace."),
      .list("--spacing", \.spacing, help: "Actions between reveals, or 'final'."),
      .list("--actions", \.actions, help: "Action kinds"),
      .list("--reveal", \.reveal, help: "Reveal kinds"),
      .list("--hidden", \.hidden, help: "Probabilities that an action is hidden (pfsa)."),
      .list("--choices", \.choices, help: "Arrangements a hidden action chooses between (pfsa)."),
      .option("--max-value", \.maxValue, valueName: "n", help: "Largest initial value; defaults to max(9, n)."),
      .list("--render", \.render, help: "Renderers"),
      .list("--width", \.width, help: "Letters of each initial word (strings), 4 to 12; default 6."),
      .list("--variables", \.variables, help: "String variables (strings); default 2."),
      .list("--edits", \.edits, help: "Edit kinds (strings): 'mixed' (default) or kinds joined by '+', e.g. set+swap."),
      .list("--program", \.program, help: "Programs (programs): names from the corpus, or 'all' (default)."),
      .option(
        "--max-output-gb", \.maxOutputGB, valueName: "gb",
        help: "Refuse a suite whose task file would exceed this many GB (estimated before writing).",
        check: .greaterThan(0)),
      .flag("--quiet", \.quiet, help: "Print nothing but errors."),
    ]
  }

  /// Generates the suites.
  public func run(_ context: CommandContext) async throws {
    try await generate(context)
  }
}
