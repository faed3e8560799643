@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats
@testable import CWMBenchGenerate
@testable import CWMBenchReport
import CWMBenchTestSupport
import Foundation
import Testing
@testable import CWMBenchCLI

@Suite struct GenerateCommandTests {
  func run(_ arguments: [String], in directory: String) async -> (Int32, String, String) {
    let context = CommandContext.memory(currentDirectory: directory)
    let status = await CWMBenchCLI.run(arguments: arguments, context: context)
    return (status, context.standardOutput.contents, context.standardError.contents)
  }

  func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cwmbench-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  func listing(_ path: String) -> [String] {
    ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []).sorted()
  }

  @Test func inlineGridWritesTheSuite() async throws {
    let directory = try temporaryDirectory()
    let (status, output, errors) = await run(
      ["generate", "--family", "perm", "--group", "S5", "--length", "16,32", "--spacing", "1,4,final",
       "--examples", "3", "--name", "tiny", "--out", "out"], in: directory)
    #expect(status == 0, "\(errors)")
    #expect(output.contains("wrote out/tiny.jsonl: 18 examples"))
    let examples = try TaskFileReader.readAll(inFileAt: directory + "/out/tiny.jsonl")
    #expect(Set(examples.map { $0.params.spacing }) == [.every(1), .every(4), .final])
  }

  static let usageErrors: [([String], String)] = [
    (["generate", "--family", "perm", "--group", "Q5", "--length", "8", "--spacing", "1"], "unknown group 'Q5'"),
    (["generate", "--family", "perm", "--group", "A5", "--actions", "swap", "--length", "8", "--spacing", "1"], "actions 'swap' are not in group 'A5'"),
    (["generate", "--family", "pfsa", "--group", "S5", "--choices", "7", "--length", "8", "--spacing", "1"], "option '--choices'"),
    (["generate", "--family", "perm", "--group", "S5", "--length", "8", "--spacing", "0"], "option '--spacing'"),
    (["generate", "--family", "pfsa", "--group", "S10", "--length", "8", "--spacing", "1"], "n ≤ 8"),
    (["generate"], "Missing expected argument '<spec>'"),
    (["generate", "--family", "perm", "--group", "S5", "--length", "8", "--spacing", "1", "--jobs", "x"], "The value 'x' is invalid for '--jobs <n>'"),
  ]

  @Test(arguments: usageErrors)
  func badFlagsAreUsageErrorsAndWriteNothing(arguments: [String], expected: String) async throws {
    let directory = try temporaryDirectory()
    let (status, _, errors) = await run(arguments + ["--out", "out"], in: directory)
    #expect(status == 64)
    #expect(errors.hasPrefix("Error: "))
    #expect(errors.contains(expected), "\(errors)")
    #expect(listing(directory).filter { $0.hasSuffix(".jsonl") }.isEmpty)
  }

  @Test func aMalformedSpecIsBadDataNamingTheFile() async throws {
    let directory = try temporaryDirectory()
    try #"{"name": "bad", "seed": 1, "examples": 2, "family": "perm", "grid": {"group": ["S3"], "length": ["eight"], "spacing": [1]}}"#
      .write(toFile: directory + "/bad.json", atomically: true, encoding: .utf8)
    try #"{"name": "good", "seed": 1, "examples": 2, "family": "perm", "grid": {"group": ["S3"], "length": [8], "spacing": [1]}}"#
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

  @Test func anUnwritableOutputFolderIsAUsageError() async throws {
    let directory = try temporaryDirectory()
    try "x".write(toFile: directory + "/file", atomically: true, encoding: .utf8)
    let (status, _, errors) = await run(
      ["generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "1", "--out", "file/sub"], in: directory)
    #expect(status == 64)
    #expect(errors.contains("cannot create output folder 'file/sub'"))
  }

  @Test func trainSplitNeedsATrainBlock() async throws {
    let directory = try temporaryDirectory()
    let (status, _, errors) = await run(
      ["generate", "--family", "perm", "--group", "S3", "--length", "4", "--spacing", "1", "--split", "train"], in: directory)
    #expect(status == 65)
    #expect(errors.contains("no 'train' block"))
  }

  @Test func showMarksEveryAnswer() async throws {
    let directory = try temporaryDirectory()
    _ = await run(["generate", "--family", "pfsa", "--group", "S3", "--length", "6", "--spacing", "2", "--hidden", "0.5", "--examples", "2"], in: directory)
    let (status, output, _) = await run(["show", "out/inline.jsonl", "--index", "1"], in: directory)
    #expect(status == 0)
    let example = try TaskFileReader.readAll(inFileAt: directory + "/out/inline.jsonl")[1]
    #expect(output.hasPrefix("id       \(example.id)\n"))
    for query in example.queries { #expect(output.contains("[[\(query.answer)]]")) }
    #expect(output.components(separatedBy: "Bayes P(answer)").count == example.queries.count + 1)
  }
}
