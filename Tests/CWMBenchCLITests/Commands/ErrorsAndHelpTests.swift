import CWMBenchCore
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI

/// Issue 24's common mistakes: each names the file, says what to run instead and exits with its
/// sysexits status; misspellings get a "did you mean" taken from the declarations.
@Suite(.offCooperativePool) struct ErrorsAndHelpTests {
  /// A folder holding `Tasks/default.json` (the repository's), a generated task file
  /// `out/g.jsonl` with its manifest, and a run folder `runs/empty` without results.
  static func workspace() async throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try FileManager.default.createDirectory(atPath: directory.file("Tasks"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Binary.packageRoot + "/Tasks/default.json", toPath: directory.file("Tasks/default.json"))
    try FileManager.default.createDirectory(atPath: directory.file("runs/empty"), withIntermediateDirectories: true)
    let generate = [
      "generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "2", "--examples", "2",
      "--name", "g", "--quiet",
    ]
    let context = CommandContext.memory(currentDirectory: directory.path)
    #expect(await CWMBenchCLI.run(arguments: generate, context: context) == 0)
    return directory
  }

  func run(_ arguments: [String], in directory: TemporaryDirectory) async -> (status: Int32, errors: String) {
    let context = CommandContext.memory(currentDirectory: directory.path)
    let status = await CWMBenchCLI.run(arguments: arguments, context: context)
    #expect(context.standardOutput.contents.isEmpty, "\(arguments)")
    return (status, context.standardError.contents)
  }

  /// A missing input, or a folder where a file belongs: 66, one line naming it and the command
  /// to run instead, no usage.
  static let missingInputs: [([String], String)] = [
    (
      ["eval", "out/nope.jsonl", "--model", "oracle"],
      "no task file at 'out/nope.jsonl'; write one with 'cwmbench generate <spec>' ('cwmbench list' shows the suites in Tasks/)"
    ),
    (
      ["eval", "out/default.jsonl", "--model", "oracle"],
      "no task file at 'out/default.jsonl'; write one with 'cwmbench generate Tasks/default.json'"
    ),
    (
      ["eval", "out", "--model", "oracle"],
      "'out' is a folder, not a task file; give one of its task files: 'cwmbench eval out/g.jsonl --model oracle'"
    ),
    (
      ["eval", "out/g.jsonl", "--model", "missing.gguf"],
      "no model file or checkpoint folder at 'missing.gguf'; give an existing .gguf file or checkpoint folder, "
        + "or a built-in model: 'cwmbench eval out/g.jsonl --model oracle' ('cwmbench list' shows the adapters)"
    ),
    (
      ["eval", "out/g.jsonl", "--model", "models/ckpt"],
      "no model file or checkpoint folder at 'models/ckpt'; give an existing .gguf file or checkpoint folder, "
        + "or a built-in model: 'cwmbench eval out/g.jsonl --model oracle' ('cwmbench list' shows the adapters)"
    ),
    (
      ["generate", "Tasks"],
      "'Tasks' is a folder, not a suite spec; name the specs in it, e.g. 'cwmbench generate Tasks/default.json'"
    ),
    (
      ["generate", "Tasks/nope.json"], "no suite spec at 'Tasks/nope.json'; 'cwmbench list' shows the suites in Tasks/"
    ),
    (
      ["report", "runs/nope"],
      "no run folder at 'runs/nope'; eval writes one: 'cwmbench eval <tasks.jsonl> --model <spec> --out runs/nope'"
    ),
    (
      ["report", "out/g.jsonl"],
      "'out/g.jsonl' is a file, not a run folder; give the folders eval wrote (its --out)"
    ),
    (
      ["show", "nope.jsonl"],
      "no task file at 'nope.jsonl'; write one with 'cwmbench generate <spec>' ('cwmbench list' shows the suites in Tasks/)"
    ),
  ]

  @Test(arguments: missingInputs)
  func missingInputsExit66NamingWhatToRun(arguments: [String], message: String) async throws {
    let directory = try await Self.workspace()
    let before = directory.contents()
    let (status, errors) = await run(arguments, in: directory)
    #expect(status == ExitCode.noInput.rawValue, "\(arguments)")
    #expect(status == 66)
    #expect(errors == "Error: \(message)\n", "\(arguments)")
    #expect(directory.contents() == before, "\(arguments): nothing is written")
  }

  /// A run folder without results, and a run's results file given for its folder: 66 too.
  @Test func reportNamesTheMissingResults() async throws {
    let directory = try await Self.workspace()
    var (status, errors) = await run(["report", "runs/empty", "--out", "rep"], in: directory)
    #expect(status == 66)
    #expect(
      errors.hasPrefix("Error: run folder '\(directory.file("runs/empty"))' has no results.jsonl; eval writes it: "))
    #expect(!FileManager.default.fileExists(atPath: directory.file("rep")))
    try "".write(toFile: directory.file("runs/empty/results.jsonl"), atomically: true, encoding: .utf8)
    (status, errors) = await run(["report", "runs/empty/results.jsonl"], in: directory)
    #expect(status == 66)
    #expect(
      errors
        == "Error: 'runs/empty/results.jsonl' is a file, not a run folder; give the folder that holds it: 'cwmbench report runs/empty'\n"
    )
  }

  /// A suite spec or a manifest given to eval (or show) is a usage error naming the command to
  /// run instead, not a JSON error at line 1.
  @Test func specsAndManifestsGivenForTaskFilesSayWhatToRun() async throws {
    let directory = try await Self.workspace()
    let usage =
      "Usage: cwmbench eval [<options>] <tasks> --model <spec>\n  See 'cwmbench eval --help' for more information.\n"
    var (status, errors) = await run(["eval", "Tasks/default.json", "--model", "oracle"], in: directory)
    #expect(status == 64)
    #expect(
      errors
        == "Error: 'Tasks/default.json' is a suite spec, not a task file; write its task file with "
        + "'cwmbench generate Tasks/default.json', then run 'cwmbench eval out/default.jsonl --model oracle'\n" + usage)
    (status, errors) = await run(["eval", "out/g.manifest.json", "--model", "random"], in: directory)
    #expect(status == 64)
    #expect(
      errors
        == "Error: 'out/g.manifest.json' is a manifest, not a task file; give the task file it describes: "
        + "'cwmbench eval out/g.jsonl --model random'\n" + usage)
    (status, errors) = await run(["show", "out/g.manifest.json"], in: directory)
    #expect(status == 64)
    #expect(
      errors.hasPrefix(
        "Error: 'out/g.manifest.json' is a manifest, not a task file; give the task file it "
          + "describes: 'cwmbench show out/g.jsonl'\n"))
    // A spec written on one line is told from a task line by its keys.
    try #"{"name":"one","seed":1,"examples":2,"grid":{"family":["perm"]}}"#.appending("\n")
      .write(toFile: directory.file("one.json"), atomically: true, encoding: .utf8)
    (status, errors) = await run(["eval", "one.json", "--model", "oracle"], in: directory)
    #expect(status == 64)
    #expect(
      errors.hasPrefix(
        "Error: 'one.json' is a suite spec, not a task file; write its task file with 'cwmbench generate one.json', "
          + "then run 'cwmbench eval out/one.jsonl --model oracle'\n"))
    (status, errors) = await run(["generate", "out/g.jsonl"], in: directory)
    #expect(status == 64)
    #expect(
      errors.hasPrefix(
        "Error: 'out/g.jsonl' is a task file, not a suite spec; evaluate it with 'cwmbench eval out/g.jsonl --model oracle'\n"
      ))
    #expect(!FileManager.default.fileExists(atPath: directory.file("runs/default")))
  }

  /// Misspelt flags, subcommands and values: the nearest declared spelling.
  static let misspellings: [([String], String)] = [
    (["generate", "--lenght", "4"], "Error: Unknown option '--lenght'. Did you mean '--length'?\n"),
    (["generate", "--familly", "perm"], "Error: Unknown option '--familly'. Did you mean '--family'?\n"),
    (
      ["eval", "x.jsonl", "--model", "oracle", "--fersh"], "Error: Unknown option '--fersh'. Did you mean '--fresh'?\n"
    ),
    (["report", "r", "--hlep"], "Error: Unknown option '--hlep'. Did you mean '--help'?\n"),
    (["evl"], "Error: Unknown subcommand 'evl'. Did you mean 'eval'?\n"),
    (["help", "reprot"], "Error: Unknown subcommand 'reprot'. Did you mean 'report'?\n"),
    (["--verison"], "Error: Unknown option '--verison'. Did you mean '--version'?\n"),
    (
      ["eval", "x.jsonl", "--model", "oracle", "--mode", "scor"],
      "Error: The value 'scor' is invalid for '--mode <mode>': expected auto, score, generate or choice; did you mean 'score'?\n"
    ),
    (
      ["generate", "--split", "trian", "--family", "perm"],
      "Error: The value 'trian' is invalid for '--split <split>': expected test or train; did you mean 'train'?\n"
    ),
    (
      ["generate", "--render", "repl,cmw", "--family", "perm"],
      "Error: The value 'cmw' is invalid for '--render <list>': expected repl, cwm or nl; did you mean 'cwm'?\n"
    ),
    (
      ["generate", "--spacing", "finl", "--family", "perm"],
      "Error: The value 'finl' is invalid for '--spacing <list>': expected an integer or 'final'; did you mean 'final'?\n"
    ),
    (
      ["generate", "--family", "prem"],
      "Error: The value 'prem' is invalid for '--family <list>': expected perm, pfsa, strings or programs; did you mean 'perm'?\n"
    ),
    (
      ["eval", "x.jsonl", "--model", "orcale"],
      "Error: unknown model 'orcale': expected oracle, random, last-reveal, exec:COMMAND, http(s)://…/v1, "
        + "a checkpoint directory or a .gguf file; did you mean 'oracle'?\n"
    ),
    // Far from every declared word: no guess.
    (["generate", "--bogus"], "Error: Unknown option '--bogus'\n"),
    (
      ["eval", "x.jsonl", "--model", "oracle", "--mode", "zzz"],
      "Error: The value 'zzz' is invalid for '--mode <mode>': expected auto, score, generate or choice\n"
    ),
  ]

  @Test(arguments: misspellings)
  func misspellingsGetTheNearestDeclaredSpelling(arguments: [String], firstLine: String) async throws {
    let directory = try TemporaryDirectory()
    let (status, errors) = await run(arguments, in: directory)
    #expect(status == 64, "\(arguments)")
    #expect(errors.hasPrefix(firstLine), "\(arguments): \(errors)")
  }

  /// Every declared option of every command, with two neighbouring letters swapped, is suggested
  /// back: the suggestions come from the declarations, not from a list per command.
  @Test func everyDeclaredOptionIsSuggestedForItsTypo() throws {
    for command in CWMBenchCLI.commands {
      let options = command.description.options
      let names = options.flatMap(\.names) + CommandDescription.helpNames
      for option in options {
        let name = option.preferredName
        guard name.count >= 6 else { continue }
        var letters = Array(name)
        letters.swapAt(3, 4)
        let typo = String(letters)
        guard typo != name, !names.contains(typo) else { continue }
        #expect(Suggestion.closest(to: typo, in: names) == name, "\(command.name): \(typo)")
      }
    }
  }

  @Test func editDistanceCountsASwapAsOneEdit() {
    #expect(Suggestion.editDistance("lenght", "length") == 1)
    #expect(Suggestion.editDistance("scor", "score") == 1)
    #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    #expect(Suggestion.editDistance("", "abc") == 3)
    #expect(Suggestion.editDistance("same", "same") == 0)
    #expect(Suggestion.closest(to: "-v", in: ["-h", "--version"]) == nil)
    #expect(Suggestion.closest(to: "xyzzy", in: ["score", "generate"]) == nil)
    #expect(Suggestion.closest(to: "GENERATE", in: ["score", "generate"]) == "generate")
  }

  /// `make clean` removes what the build and `make demo` made, never the folders the README's own
  /// examples write results into.
  @Test func makeCleanKeepsOutAndRuns() throws {
    let makefile = try String(contentsOfFile: Binary.packageRoot + "/Makefile", encoding: .utf8)
    let lines = makefile.split(separator: "\n", omittingEmptySubsequences: false)
    let start = try #require(lines.firstIndex { $0.hasPrefix("clean:") })
    let recipe = lines[(start + 1)...].prefix { $0.hasPrefix("\t") }.joined(separator: " ")
    let removed = recipe.split(separator: " ").map(String.init)
    #expect(removed.contains(".build"))
    #expect(removed.contains("$(DEMO_TASKS)") && removed.contains("$(DEMO)/runs"))
    for kept in ["out", "runs", "out/", "runs/", "Results", "$(DEMO)"] {
      #expect(!removed.contains(kept), "make clean removes \(kept)")
    }
  }
}
