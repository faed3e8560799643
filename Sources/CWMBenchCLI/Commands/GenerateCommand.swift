import CWMBenchCore
import CWMBenchEval
import CWMBenchFamilies
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport

/// `cwmbench generate`: writes task files from suite specs or from a grid given as flags.
public struct GenerateCommand: Command {
  public static let name = "generate"
  public static let abstract: String = {
    let names = FamilyRegistry.builtIn.families.map(\.name)
    return "Generate tasks of the families \(names.dropLast().joined(separator: ", ")) and \(names.last ?? "")."
  }()
  public static let discussion = """
    Each suite spec (Tasks/*.json) becomes NAME.jsonl and NAME.manifest.json in the output \
    folder. Without a spec, the grid is taken from the flags; list flags take comma-separated \
    values and are crossed. The same spec, split and version always give byte-identical files.
    """
  public static let examples = [
    CommandExample(
      "Write the demo suite to out/default.jsonl, with its manifest beside it:", ["generate", "Tasks/default.json"]),
    CommandExample(
      "A grid from flags, written to out/inline.jsonl:",
      ["generate", "--family", "perm", "--group", "S5", "--length", "16,64", "--spacing", "4"]),
    CommandExample(
      "The training split of a suite, into data/:",
      ["generate", "Tasks/shell-game.json", "--split", "train", "--out", "data"]),
  ]

  var specs: [String] = []
  var out = "out"
  var split = Split.test
  var jobs: Int?
  var examples: Int?
  var seed: UInt64?
  var suiteName = "inline"
  var family: [String] = []
  var length: [Int] = []
  var spacing: [Spacing] = []
  var render: [RenderKind] = []
  /// The families' own parameters given as flags (`--group S5`), by key, as written.
  var parameters: [String: [String]] = [:]
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
      .list(
        "--family", \.family, choices: FamilyRegistry.builtIn.families.map(\.name),
        help: "Task families: " + FamilyRegistry.builtIn.families.map(\.name).joined(separator: ", ") + "."),
      .list("--length", \.length, help: "Trace lengths: actions, edits or line events per trace."),
      .list("--spacing", \.spacing, help: "Actions between reveals, or 'final'."),
      .list("--render", \.render, help: "Renderers"),
    ]
      + parameterDeclarations(FamilyRegistry.builtIn)
      + [
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
