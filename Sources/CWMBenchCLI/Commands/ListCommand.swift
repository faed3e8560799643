import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Foundation

/// `cwmbench list`: prints what can be asked for — groups, actions, renderers, adapters, modes
/// and the suites in `Tasks/`.
///
/// Everything about groups and actions is computed from the shared types (`Group`,
/// `ActionKind`, `RenderKind`, `EvalMode`), so this listing cannot drift from what
/// `generate` and `eval` accept.
public struct ListCommand: Command {
  public static let name = "list"
  public static let abstract = "List groups, action kinds, renderers, model adapters, modes and suites."

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
  public static func write(suitesFolder: String, to output: inout some TextOutputStream) {
    let sections: [(String, [HelpFormatter.Entry])] = [
      ("GROUPS", groupEntries()),
      ("FAMILIES", familyEntries()),
      ("ACTION KINDS", actionEntries()),
      ("REVEALS", revealEntries()),
      ("EDIT KINDS (strings)", editEntries()),
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

  /// The group kinds in the order the listing shows them.
  static let groupKinds: [Group.Kind] = [.symmetric, .alternating, .cyclic]

  static func kindName(_ kind: Group.Kind) -> String {
    switch kind {
    case .symmetric: return "symmetric group"
    case .alternating: return "alternating group"
    case .cyclic: return "cyclic group"
    }
  }

  static func groups(of kind: Group.Kind) -> [Group] {
    (Group.minimumSize...Group.maximumSize).compactMap { try? Group(kind: kind, n: $0) }
  }

  static func groupEntries() -> [HelpFormatter.Entry] {
    groupKinds.map { kind in
      let sample = groups(of: kind)[0]
      return HelpFormatter.Entry(
        "\(kind.rawValue)<n>",
        "\(kindName(kind)), \(Group.minimumSize) ≤ n ≤ \(Group.maximumSize), default actions "
          + sample.defaultActions.rawValue)
    }
  }

  static func familyEntries() -> [HelpFormatter.Entry] {
    Family.allCases.map { family in
      switch family {
      case .perm:
        return HelpFormatter.Entry(family.rawValue, "permutation tracking: every action is observed")
      case .pfsa:
        let one = CellParameters.maximumPFSASize(for: .one)
        let all = CellParameters.maximumPFSASize(for: .all)
        return HelpFormatter.Entry(
          family.rawValue,
          "PFSA-SR: actions hidden with probability 'hidden' as random.choice; n ≤ \(one) (n ≤ \(all) with reveal all)")
      case .strings:
        let widths = CellParameters.wordWidths
        return HelpFormatter.Entry(
          family.rawValue,
          "string variables under character edits ('width' \(widths.lowerBound)…\(widths.upperBound), 'variables', 'edits')"
        )
      case .programs:
        return HelpFormatter.Entry(
          family.rawValue, "real Python programs traced by CPython, in CWM's trace format ('program', render cwm)")
      }
    }
  }

  static func actionSummary(_ actions: ActionKind) -> String {
    switch actions {
    case .swap: return "a transposition of two variables"
    case .cycle3: return "a 3-cycle of three variables, either direction"
    case .rotate: return "a rotation of all variables by 1…n−1"
    case .tuple: return "a uniform element of the whole group"
    }
  }

  /// Which sizes of `kind` admit `actions`, in words: `S<n>`, `A<n> (n ≥ 3)`, `A<n> (odd n)`.
  static func admission(of actions: ActionKind, in kind: Group.Kind) -> String? {
    let all = groups(of: kind)
    let sizes = all.filter { $0.admits(actions) }.map(\.n)
    let name = "\(kind.rawValue)<n>"
    if sizes.isEmpty { return nil }
    if sizes == all.map(\.n) { return name }
    if let first = sizes.first, sizes == Array(first...Group.maximumSize) { return "\(name) (n ≥ \(first))" }
    if sizes == all.map(\.n).filter({ $0 % 2 == 1 }) { return "\(name) (odd n)" }
    return "\(name) (n in \(sizes.map(String.init).joined(separator: ",")))"
  }

  /// The `choices` range of a hidden action, in words, checked against every admitting group.
  static func choicesSummary(of actions: ActionKind) -> String {
    let pairs = groupKinds.flatMap(groups(of:))
      .filter { $0.admits(actions) }
      .compactMap { group in group.choicesRange(for: actions).map { (group, $0) } }
    guard !pairs.isEmpty, pairs.allSatisfy({ $0.1.lowerBound == 2 }) else { return "none" }
    let uppers = pairs.map(\.1.upperBound)
    if let first = uppers.first, uppers.allSatisfy({ $0 == first }) {
      return first == 2 ? "exactly 2" : "2…\(first)"
    }
    if pairs.allSatisfy({ $0.1.upperBound == $0.0.n }) { return "2…n" }
    if pairs.allSatisfy({ $0.1.upperBound == min($0.0.order, 24) }) { return "2…min(group order, 24)" }
    return "2…\(uppers.max() ?? 2), depending on the group"
  }

  static func actionEntries() -> [HelpFormatter.Entry] {
    ActionKind.allCases.map { actions in
      let groups = groupKinds.compactMap { admission(of: actions, in: $0) }.joined(separator: ", ")
      return HelpFormatter.Entry(
        actions.rawValue,
        "\(actionSummary(actions)); groups: \(groups); hidden choices: \(choicesSummary(of: actions))")
    }
  }

  static func editEntries() -> [HelpFormatter.Entry] {
    let entries = EditKind.allCases.map { kind in
      let summary: String
      switch kind {
      case .set: summary = "set one character: a = a[:3] + 'x' + a[4:]"
      case .insert: summary = "insert one character: a = a[:3] + 'x' + a[3:]"
      case .delete: summary = "delete one character: a = a[:3] + a[4:]"
      case .swap: summary = "swap the characters at two positions"
      case .reverse: summary = "reverse a slice: a = a[:1] + a[1:4][::-1] + a[4:]"
      case .replace: summary = "replace every occurrence of one letter: a = a.replace('e', 'o')"
      case .move: summary = "move the tail of one variable to the end of another (two variables or more)"
      }
      return HelpFormatter.Entry(kind.rawValue, summary)
    }
    return entries + [
      HelpFormatter.Entry(
        EditSelection.mixedName, "every kind that applies, uniformly (default); join kinds with '+', e.g. set+swap")
    ]
  }

  static func revealEntries() -> [HelpFormatter.Entry] {
    RevealKind.allCases.map { reveal in
      switch reveal {
      case .one:
        return HelpFormatter.Entry(reveal.rawValue, "print one variable, chosen uniformly (default)")
      case .all:
        return HelpFormatter.Entry(
          reveal.rawValue,
          "print every variable; candidates listed when n ≤ \(CellParameters.maximumAllCandidatesSize)")
      }
    }
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

  /// The model specs `eval --model` accepts (SPEC §4).
  static func adapterEntries() -> [HelpFormatter.Entry] {
    [
      HelpFormatter.Entry("oracle", "answers from the task file (probs for pfsa): the ceiling"),
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
