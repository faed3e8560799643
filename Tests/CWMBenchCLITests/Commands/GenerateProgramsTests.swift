import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI
@testable import CWMBenchCore
@testable import CWMBenchFormats

/// `generate --family programs` through the command line: its exit codes and what it writes.
@Suite(.offCooperativePool) struct GenerateProgramsTests {
  @Test func anUnknownProgramIsBadDataAndWritesNothing() async throws {
    let directory = try TemporaryDirectory()
    let context = CommandContext.memory(currentDirectory: directory.path)
    let status = await CWMBenchCLI.run(
      arguments: ["generate", "--family", "programs", "--program", "nope", "--length", "16", "--spacing", "1"],
      context: context)
    #expect(status == 65)
    let errors = context.standardError.contents
    #expect(errors.contains("invalid program 'nope'") && errors.contains("two_sum"), "\(errors)")
    #expect(directory.contents() == [])
  }

  @Test func aSmallSuiteIsWrittenWithTheTracersPython() async throws {
    let directory = try TemporaryDirectory()
    let context = CommandContext.memory(currentDirectory: directory.path)
    let status = await CWMBenchCLI.run(
      arguments: [
        "generate", "--family", "programs", "--render", "cwm", "--spacing", "1,final", "--length", "16",
        "--examples", "3", "--out", "out",
      ], context: context)
    #expect(status == 0, "\(context.standardError.contents)")
    let manifest = try JSONParser.parse(
      [UInt8](try #require(FileManager.default.contents(atPath: directory.file("out/inline.manifest.json")))))
    let python = try Python.run("import platform; print(platform.python_version())")
    #expect(manifest["python"]?.stringValue == python.trimmingCharacters(in: .whitespacesAndNewlines))
    #expect(context.standardOutput.contents.contains("6 examples"))
  }

  /// The corpus programs, by name, read from the checkout (not from the tracer under test).
  static func corpusNames() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: Binary.packageRoot + "/Programs/corpus")
      .filter { $0.hasSuffix(".py") && !$0.hasPrefix("_") }.map { String($0.dropLast(3)) }.sorted()
  }

  /// The CWM context of a programs example: the program and `main`'s call with its input.
  static func context(of example: TaskExample) -> Substring {
    example.text.range(of: "<|frame_sep|>").map { example.text[..<$0.lowerBound] } ?? ""
  }

  /// Every spacing and `lines` value of a length: example `i` is the same program on the same input.
  @Test func examplesAsManyAsTheCorpusCoverEveryProgramInEveryCellOnPairedInputs() async throws {
    let names = try Self.corpusNames()
    #expect(names.count >= 60)
    let directory = try TemporaryDirectory()
    let context = CommandContext.memory(currentDirectory: directory.path)
    let status = await CWMBenchCLI.run(
      arguments: [
        "generate", "--family", "programs", "--render", "cwm", "--spacing", "1,4,final", "--lines", "all,reveals",
        "--length", "24", "--examples", String(names.count), "--out", "out", "--quiet",
      ], context: context)
    #expect(status == 0, "\(context.standardError.contents)")
    #expect(!context.standardError.contents.contains("warning"), "\(context.standardError.contents)")

    let examples = try TaskFileReader.readAll(inFileAt: directory.file("out/inline.jsonl"))
    try #require(examples.count == 6 * names.count)
    let cells = stride(from: 0, to: examples.count, by: names.count).map { Array(examples[$0..<$0 + names.count]) }
    // Three spacings under each `lines` value: six cell keys (`…/reveals/…` for the second).
    let settings = Set(cells.map { $0[0].params.key })
    #expect(settings.count == 6, "\(settings)")
    for cell in cells { #expect(cell.compactMap(\.program).sorted() == names) }
    for index in 0..<names.count {
      let first = cells[0][index]
      for cell in cells.dropFirst() {
        #expect(cell[index].program == first.program, "example \(index)")
        #expect(Self.context(of: cell[index]) == Self.context(of: first), "example \(index): inputs differ")
        #expect(cell[index].lineEvents == first.lineEvents, "example \(index)")
      }
    }

    // The manifest lists, per cell, the programs its examples traced: the whole corpus.
    let manifest = try JSONParser.parse(
      [UInt8](try #require(FileManager.default.contents(atPath: directory.file("out/inline.manifest.json")))))
    let recorded = try #require(manifest["cells"]?.arrayValue)
    #expect(recorded.count == 6)
    for cell in recorded {
      #expect(cell["programs"]?.arrayValue?.compactMap(\.stringValue) == names, "\(cell)")
    }
  }

  @Test func examplesThatAreNotAMultipleOfTheCorpusSizeWarnOnce() async throws {
    let names = try Self.corpusNames()
    let directory = try TemporaryDirectory()
    let context = CommandContext.memory(currentDirectory: directory.path)
    let status = await CWMBenchCLI.run(
      arguments: [
        "generate", "--family", "programs", "--render", "cwm", "--spacing", "1,final", "--length", "16",
        "--examples", "5", "--out", "out", "--quiet",
      ], context: context)
    #expect(status == 0, "\(context.standardError.contents)")
    let warnings = context.standardError.contents.split(separator: "\n").filter { $0.hasPrefix("warning:") }
    #expect(warnings.count == 1, "\(context.standardError.contents)")
    #expect(warnings.first?.contains("5 examples per cell is not a multiple of the corpus size \(names.count)") == true)
    let manifest = try JSONParser.parse(
      [UInt8](try #require(FileManager.default.contents(atPath: directory.file("out/inline.manifest.json")))))
    #expect(
      manifest["cells"]?.arrayValue?.first?["programs"]?.arrayValue?.compactMap(\.stringValue) == Array(names.prefix(5))
    )
  }

  @Test func theShippedProgramsSuiteCoversTheWholeCorpus() throws {
    let names = try Self.corpusNames()
    let spec = try JSONParser.parse(
      [UInt8](try #require(FileManager.default.contents(atPath: Binary.packageRoot + "/Tasks/programs.json"))))
    let examples = try #require(spec["examples"]?.intValue)
    #expect(examples > 0 && examples % names.count == 0, "\(examples) examples, \(names.count) programs")
  }
}
