import CWMBenchCore
import CWMBenchEval
import CWMBenchFamilies
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Foundation

/// `cwmbench list`: prints what can be asked for — families and their own sections (groups,
/// actions, edits), renderers, adapters, modes and the suites in `Tasks/`.
///
/// Everything is computed from the registry and the shared types (`RenderKind`, `EvalMode`),
/// so this listing cannot drift from what `generate` and `eval` accept.
public struct ListCommand: Command {
  public static let name = "list"
  public static let abstract = "List groups, action kinds, renderers, model adapters, modes and suites."
  public static let examples = [
    CommandExample("Everything generate and eval accept, and the suites in Tasks/:", ["list"]),
    CommandExample("Then generate one of the suites it lists:", ["generate", "Tasks/pfsa.json"]),
  ]

  /// `list` takes nothing.
  public init() {}

  /// No options or arguments.
  public static var declarations: [ArgumentDeclaration<ListCommand>] { [] }

  /// Prints the listing to standard output.
  public func run(_ context: CommandContext) async throws {
    var output = context.standardOutput
    var text = ""
    Self.write(suitesFolder: context.currentDirectory + "/Tasks", to: &text)
    output.write(text)
  }

  /// Writes every section; `suitesFolder` is searched for `*.json` suite specs.
  public static func write(
    suitesFolder: String, families: FamilyRegistry = .builtIn, to output: inout some TextOutputStream
  ) {
    var sections: [(String, [HelpFormatter.Entry])] = [("FAMILIES", familyEntries(families))]
    // Families that share sections (perm and pfsa) list them once.
    for family in families.families {
      for section in family.listSections where !sections.contains(where: { $0.0 == section.title }) {
        sections.append((section.title, section.entries.map { HelpFormatter.Entry($0.name, $0.text) }))
      }
    }
    sections += [
      ("RENDERERS", rendererEntries()),
      ("MODEL ADAPTERS", adapterEntries()),
      ("MODES", modeEntries()),
      ("SUITES", suiteEntries(in: suitesFolder)),
    ]
    for (index, section) in sections.enumerated() {
      if index > 0 { output.write("\n") }
      HelpFormatter.writeSection(section.0, entries: section.1, to: &output)
    }
  }

  /// One entry per registered family: its name and summary.
  static func familyEntries(_ families: FamilyRegistry) -> [HelpFormatter.Entry] {
    families.families.map { HelpFormatter.Entry($0.name, $0.summary) }
  }

  static func rendererEntries() -> [HelpFormatter.Entry] {
    RenderKind.allCases.map { render in
      switch render {
      case .repl: return HelpFormatter.Entry(render.rawValue, "a Python REPL session (default, the reference format)")
      case .cwm: return HelpFormatter.Entry(render.rawValue, "Meta Code World Model execution-trace frames")
      case .nl: return HelpFormatter.Entry(render.rawValue, "a natural-language shell game")
      }
    }
  }

  /// The model specs `eval --model` accepts (docs/protocol.md).
  static func adapterEntries() -> [HelpFormatter.Entry] {
    [
      HelpFormatter.Entry("oracle", "answers from the task file (its posteriors where it has them): the ceiling"),
      HelpFormatter.Entry("random", "uniform over the candidates: chance"),
      HelpFormatter.Entry("last-reveal", "assumes nothing moved since each variable was last seen: a floor"),
      HelpFormatter.Entry("exec:COMMAND", "a process speaking the cwmbench/1 JSON-lines protocol on stdin/stdout"),
      HelpFormatter.Entry(
        "http(s)://…/v1", "an OpenAI-compatible server; key from CWMBENCH_API_KEY or OPENAI_API_KEY"),
      HelpFormatter.Entry("DIR with config.json", "a Hugging Face checkpoint, run by the bundled Python adapter"),
      HelpFormatter.Entry("FILE.gguf", "a GGUF checkpoint, run by the bundled llama.cpp adapter"),
    ]
  }

  static func modeEntries() -> [HelpFormatter.Entry] {
    EvalMode.allCases.map { mode in
      switch mode {
      case .score:
        return HelpFormatter.Entry(
          mode.rawValue, "teacher-forced log-probability of each answer, one request per example")
      case .generate:
        return HelpFormatter.Entry(mode.rawValue, "the model continues the text before each query until a newline")
      case .choice:
        return HelpFormatter.Entry(mode.rawValue, "the model scores every candidate; its argmax is its answer")
      }
    }
  }

  /// One entry per `*.json` in `folder`, sorted by file name, labelled with the suite's name.
  static func suiteEntries(in folder: String) -> [HelpFormatter.Entry] {
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".json") }
      .sorted()
    guard !files.isEmpty else { return [HelpFormatter.Entry("(none)", "no Tasks/*.json in the current folder")] }
    return files.map { file in
      HelpFormatter.Entry("Tasks/" + file, suiteName(atPath: folder + "/" + file))
    }
  }

  /// The spec's `name`, or why it could not be read.
  static func suiteName(atPath path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "(unreadable)" }
    guard let json = try? JSONParser.parse([UInt8](data)), json.objectValue != nil else {
      return "(not a JSON object)"
    }
    guard let name = json["name"]?.stringValue else { return "(no 'name' field)" }
    return name
  }
}
