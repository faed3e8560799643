import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI
@testable import CWMBenchCore

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
}
