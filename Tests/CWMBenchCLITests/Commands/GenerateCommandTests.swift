import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI
@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate
@testable import CWMBenchReport

@Suite(.offCooperativePool) struct GenerateCommandTests {
  func run(_ arguments: [String], in directory: String) async -> (Int32, String, String) {
    let context = CommandContext.memory(currentDirectory: directory)
    let status = await CWMBenchCLI.run(arguments: arguments, context: context)
    return (status, context.standardOutput.contents, context.standardError.contents)
  }

  func listing(_ path: String) -> [String] {
    ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []).sorted()
  }

  @Test func inlineGridWritesTheSuite() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    let (status, output, errors) = await run(
      [
        "generate", "--family", "perm", "--group", "S5", "--length", "16,32", "--spacing", "1,4,final",
        "--examples", "3", "--name", "tiny", "--out", "out",
      ], in: directory)
    #expect(status == 0, "\(errors)")
    #expect(output.contains("wrote out/tiny.jsonl: 18 examples"))
    let examples = try TaskFileReader.readAll(inFileAt: directory + "/out/tiny.jsonl")
    #expect(Set(examples.map { $0.params.spacing }) == [.every(1), .every(4), .final])
  }

  static let usageErrors: [([String], String)] = [
    (["generate", "--family", "perm", "--group", "Q5", "--length", "8", "--spacing", "1"], "unknown group 'Q5'"),
    (
      ["generate", "--family", "perm", "--group", "A5", "--actions", "swap", "--length", "8", "--spacing", "1"],
      "actions 'swap' are not in group 'A5'"
    ),
    (
      ["generate", "--family", "pfsa", "--group", "S5", "--choices", "7", "--length", "8", "--spacing", "1"],
      "option '--choices'"
    ),
    (["generate", "--family", "perm", "--group", "S5", "--length", "8", "--spacing", "0"], "option '--spacing'"),
    (["generate", "--family", "pfsa", "--group", "S10", "--length", "8", "--spacing", "1"], "n ≤ 8"),
    (["generate"], "Missing expected argument '<spec>'"),
    (
      ["generate", "--family", "perm", "--group", "S5", "--length", "8", "--spacing", "1", "--jobs", "x"],
      "The value 'x' is invalid for '--jobs <n>'"
    ),
  ]

  @Test(arguments: usageErrors)
  func badFlagsAreUsageErrorsAndWriteNothing(arguments: [String], expected: String) async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    let (status, _, errors) = await run(arguments + ["--out", "out"], in: directory)
    #expect(status == 64)
    #expect(errors.hasPrefix("Error: "))
    #expect(errors.contains(expected), "\(errors)")
    #expect(listing(directory).filter { $0.hasSuffix(".jsonl") }.isEmpty)
  }

  /// Each inline grid flag's error, made by the suite spec from the field the flag became, names
  /// the flag; nothing of the spec's vocabulary (`field 'grid.length'`, `<flags>`) leaks through.
  static let flagErrors: [([String], String)] = [
    (
      ["--group", "Q5", "--length", "8", "--spacing", "1"],
      "option '--group': unknown group 'Q5' (expected S<n>, A<n> or Z<n> with 2 ≤ n ≤ 26)"
    ),
    (
      ["--family", "pfsa", "--group", "S10", "--reveal", "all", "--length", "8", "--spacing", "1"],
      "option '--group': invalid group 'S10': expected n ≤ 6 for pfsa with reveal 'all' (exact Bayes filtering over n! states)"
    ),
    (
      ["--group", "A5", "--actions", "swap", "--length", "8", "--spacing", "1"],
      "option '--actions': actions 'swap' are not in group 'A5'"
    ),
    (["--group", "S5", "--length", "0", "--spacing", "1"], "option '--length': expected an integer ≥ 1, got '0'"),
    (
      ["--group", "S5", "--length", "8", "--spacing", "0"],
      "option '--spacing': expected an integer ≥ 1 or \"final\", got '0'"
    ),
    (
      ["--family", "pfsa", "--group", "S5", "--length", "8", "--spacing", "1", "--hidden", "1.5"],
      "option '--hidden': expected a probability from 0 to 1, got '1.5'"
    ),
    (
      ["--family", "pfsa", "--group", "S5", "--length", "8", "--spacing", "1", "--choices", "7"],
      "option '--choices': invalid choices '7': expected 2…2 for 'swap' actions in 'S5'"
    ),
    (
      ["--group", "S5", "--length", "8", "--spacing", "1", "--max-value", "0"],
      "option '--max-value': expected an integer ≥ 1, got '0'"
    ),
    (
      ["--group", "S5", "--length", "8", "--spacing", "1", "--name", ".hidden"],
      "option '--name': expected letters, digits, '-', '_' or '.', got '.hidden'"
    ),
    (["--family", "perm", "--length", "8", "--spacing", "1"], "missing option '--group'"),
    (["--group", "S5", "--spacing", "1"], "missing option '--length'"),
    (["--group", "S5", "--length", "8"], "missing option '--spacing'"),
  ]

  @Test(arguments: flagErrors)
  func inlineGridErrorsNameTheFlag(arguments: [String], message: String) async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    let (status, _, errors) = await run(["generate"] + arguments, in: directory)
    #expect(status == 64)
    #expect(errors.hasPrefix("Error: \(message)\nUsage: "), "\(errors)")
  }

  /// Every grid parameter of every family has a flag, named after it, so the flags and the
  /// registry cannot drift apart.
  @Test func everyGridParameterHasAFlag() throws {
    let flags = Set(
      GenerateCommand.declarations.compactMap { declaration -> String? in
        guard case .option(let option) = declaration.shape else { return nil }
        return option.preferredName
      })
    for key in SuiteSpec.parameterOrder(.builtIn) {
      #expect(flags.contains(GenerateCommand.flagName(of: key)), "\(key)")
    }
    // Given as flags, each axis is named by its flag in errors.
    let parsed = try ArgumentParser.parse(
      ["--family", "perm", "--group", "S3", "--max-value", "2"], as: GenerateCommand.self)
    #expect(parsed.gridAxes.map(\.field) == ["--family", "--group", "--max-value"])
  }

  /// `--hidden 1` reaches the manifest as the integer 1, as the same grid in a spec file would.
  @Test func inlineNumbersReachTheManifestAsWritten() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    let (status, _, errors) = await run(
      [
        "generate", "--family", "pfsa", "--group", "S3", "--length", "4", "--spacing", "2", "--hidden", "1,0.5",
        "--examples", "1", "--seed", "9223372036854775807", "--quiet",
      ], in: directory)
    #expect(status == 0, "\(errors)")
    let manifest = try String(contentsOfFile: directory + "/out/inline.manifest.json", encoding: .utf8)
    let json = try JSONParser.parse(manifest)
    #expect(json["spec"]?["grid"]?["hidden"] == .array([.int(1), .double(0.5)]))
    #expect(json["spec"]?["seed"] == .int(Int.max))
  }

  @Test func aMalformedSpecIsBadDataNamingTheFile() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    try
      #"{"name": "bad", "seed": 1, "examples": 2, "family": "perm", "grid": {"group": ["S3"], "length": ["eight"], "spacing": [1]}}"#
      .write(toFile: directory + "/bad.json", atomically: true, encoding: .utf8)
    try
      #"{"name": "good", "seed": 1, "examples": 2, "family": "perm", "grid": {"group": ["S3"], "length": [8], "spacing": [1]}}"#
      .write(toFile: directory + "/good.json", atomically: true, encoding: .utf8)
    try "{not json".write(toFile: directory + "/broken.json", atomically: true, encoding: .utf8)
    var (status, _, errors) = await run(["generate", "good.json", "bad.json", "--out", "out"], in: directory)
    #expect(status == 65)
    #expect(errors == "Error: 'bad.json': field 'grid.length': expected an integer ≥ 1, got 'eight'\n")
    // The valid spec given first is not written either: nothing is written unless all are valid.
    #expect(!listing(directory).contains { $0.hasPrefix("out/") })
    (status, _, errors) = await run(["generate", "broken.json"], in: directory)
    #expect(status == 65)
    #expect(errors.contains("'broken.json': not valid JSON"))
  }

  /// Mistakes that used to pass silently: a repeated key (the first value was lost) and a grid
  /// whose every cell is skipped (an empty task file, exit 0).
  static let silentMistakes: [(String, String)] = [
    (
      #"{"name": "x", "seed": 1, "seed": 2, "examples": 2, "family": "perm", "grid": {"group": ["S3"], "length": [8], "spacing": [1]}}"#,
      "Error: 'spec.json': not valid JSON: key 'seed' appears twice in one object at offset 25\n"
    ),
    (
      #"{"name": "x", "seed": 1, "examples": 2, "family": "perm", "grid": {"group": ["S3"], "length": [8], "length": [4], "spacing": [1]}}"#,
      "Error: 'spec.json': not valid JSON: key 'length' appears twice in one object at offset 99\n"
    ),
    (
      #"{"name": "x", "seed": 1, "examples": 2, "family": "perm", "grid": {"group": ["S3"], "length": [4, 6], "spacing": [8, 16]}}"#,
      "Error: 'spec.json': field 'grid.spacing': expected a spacing no longer than some length (every cell of the grid was skipped), got '[8,16]'\n"
    ),
  ]

  @Test(arguments: silentMistakes)
  func mistakesInASpecAreBadDataAndWriteNothing(spec: String, message: String) async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    try spec.write(toFile: directory + "/spec.json", atomically: true, encoding: .utf8)
    let (status, _, errors) = await run(["generate", "spec.json", "--out", "out"], in: directory)
    #expect(status == 65)
    #expect(errors == message)
    #expect(!listing(directory).contains { $0.hasPrefix("out") })
  }

  @Test func anUnwritableOutputFolderIsAUsageError() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    try "x".write(toFile: directory + "/file", atomically: true, encoding: .utf8)
    let (status, _, errors) = await run(
      ["generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "1", "--out", "file/sub"],
      in: directory)
    #expect(status == 64)
    #expect(errors.contains("cannot create output folder 'file/sub'"))
  }

  @Test func trainSplitNeedsATrainBlock() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    let (status, _, errors) = await run(
      ["generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "1", "--split", "train"],
      in: directory)
    #expect(status == 65)
    #expect(errors.contains("no 'train' block"))
  }

  @Test func showMarksEveryAnswer() async throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    _ = await run(
      [
        "generate", "--family", "pfsa", "--group", "S3", "--length", "6", "--spacing", "2", "--hidden", "0.5",
        "--examples", "2",
      ], in: directory)
    let (status, output, _) = await run(["show", "out/inline.jsonl", "--index", "1"], in: directory)
    #expect(status == 0)
    let example = try TaskFileReader.readAll(inFileAt: directory + "/out/inline.jsonl")[1]
    #expect(output.hasPrefix("id       \(example.id)\n"))
    for query in example.queries { #expect(output.contains("[[\(query.answer)]]")) }
    #expect(output.components(separatedBy: "Bayes P(answer)").count == example.queries.count + 1)
  }
}
