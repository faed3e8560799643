import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport

/// `cwmbench show`: prints one example of a task file with its queries marked.
public struct ShowCommand: Command {
  public static let name = "show"
  public static let abstract = "Show one example of a task file with its queries."
  public static let examples = [
    CommandExample("The first example of the demo suite:", ["show", "out/default.jsonl"]),
    CommandExample("Its sixth example:", ["show", "out/default.jsonl", "--index", "5"]),
  ]

  var file = ""
  var id: String?
  var index = 0

  /// Every option at its default.
  public init() {}

  /// The options and arguments of `show`.
  public static var declarations: [ArgumentDeclaration<ShowCommand>] {
    [
      .argument("file", \.file, help: "A task file (.jsonl) written by generate."),
      .option("--id", \.id, valueName: "id", help: "The example's id."),
      .option("--index", \.index, valueName: "n", help: "The example's line number, from 0.", check: .atLeast(0)),
    ]
  }

  /// An example is picked by id or by position, not both.
  public static var exclusiveOptions: [[PartialKeyPath<ShowCommand>]] { [[\.id, \.index]] }

  /// Prints the example.
  public func run(_ context: CommandContext) async throws {
    try show(context)
  }
}
