import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport

/// `cwmbench generate`: writes task files from suite specs or from a grid given as flags.
public struct GenerateCommand: Command {
  /// The options and arguments of `generate`.
  public static var description: CommandDescription {
    let kinds = { (names: [String]) in names.joined(separator: ", ") }
    return CommandDescription(
      name: "generate",
      abstract: "Generate permutation and PFSA-SR tracking tasks.",
      discussion: """
        Each suite spec (Tasks/*.json) becomes NAME.jsonl and NAME.manifest.json in the output \
        folder. Without a spec, the grid is taken from the flags; list flags take comma-separated \
        values and are crossed. The same spec, split and version always give byte-identical files.
        """,
      arguments: [
        ArgumentDescription("spec", help: "Suite spec files (Tasks/*.json).", isRepeating: true, isOptional: true)
      ],
      options: [
        OptionDescription(["--out"], valueName: "dir", help: "Output folder.", defaultValue: "out"),
        OptionDescription(["--split"], valueName: "split", help: "Which split to write: test or train.", defaultValue: "test"),
        OptionDescription(["--jobs"], valueName: "n", help: "Examples generated in parallel; defaults to the number of cores."),
        OptionDescription(["--examples"], valueName: "n", help: "Examples per cell (overrides the spec)."),
        OptionDescription(["--seed"], valueName: "s", help: "Suite seed (overrides the spec)."),
        OptionDescription(["--name"], valueName: "name", help: "Suite name when the grid comes from flags."),
        OptionDescription(
          ["--family"], valueName: "family", help: "Task family: \(kinds(Family.allCases.map(\.rawValue)))."),
        OptionDescription(["--group"], valueName: "list", help: "Groups, e.g. S3,S5,A5,Z7.", isRepeatable: true),
        OptionDescription(["--length"], valueName: "list", help: "Trace lengths (actions per trace).", isRepeatable: true),
        OptionDescription(
          ["--spacing"], valueName: "list", help: "Actions between reveals, or 'final'.", isRepeatable: true),
        OptionDescription(
          ["--actions"], valueName: "list", help: "Action kinds: \(kinds(ActionKind.allCases.map(\.rawValue))).",
          isRepeatable: true),
        OptionDescription(
          ["--reveal"], valueName: "list", help: "Reveal kinds: \(kinds(RevealKind.allCases.map(\.rawValue))).",
          isRepeatable: true),
        OptionDescription(
          ["--hidden"], valueName: "list", help: "Probabilities that an action is hidden (pfsa).", isRepeatable: true),
        OptionDescription(
          ["--choices"], valueName: "list", help: "Arrangements a hidden action chooses between (pfsa).",
          isRepeatable: true),
        OptionDescription(["--max-value"], valueName: "n", help: "Largest initial value; defaults to max(9, n)."),
        OptionDescription(
          ["--render"], valueName: "list", help: "Renderers: \(kinds(RenderKind.allCases.map(\.rawValue))).",
          isRepeatable: true),
        .flag(["--quiet"], help: "Print nothing but errors."),
      ])
  }

  /// Generates the suites.
  public static func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws {
    try await generate(arguments, context)
  }
}
