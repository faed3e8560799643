import CWMBenchCore
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI

@Suite(.offCooperativePool) struct ListCommandTests {
  /// Suite names come from each spec's `name`, read with the project's JSON parser; files that
  /// are not specs say why instead of failing the listing.
  @Test func suitesAreListedByFileWithTheirNames() throws {
    let directory = try TemporaryDirectory()
    let files: [(String, String)] = [
      ("b.json", #"{"name": "bravo", "seed": 1}"#),
      ("a.json", #"{"seed": 1, "name": "alpha – ünïcode"}"#),
      ("c.json", "{not json"),
      ("d.json", "[1, 2]"),
      ("e.json", #"{"name": 7}"#),
      ("notes.txt", "ignored"),
    ]
    for (name, text) in files { try text.write(toFile: directory.file(name), atomically: true, encoding: .utf8) }
    let entries = ListCommand.suiteEntries(in: directory.path)
    #expect(entries.map(\.label) == ["Tasks/a.json", "Tasks/b.json", "Tasks/c.json", "Tasks/d.json", "Tasks/e.json"])
    #expect(
      entries.map(\.text) == [
        "alpha – ünïcode", "bravo", "(not a JSON object)", "(not a JSON object)", "(no 'name' field)",
      ])
    let empty = try TemporaryDirectory()
    #expect(ListCommand.suiteEntries(in: empty.path).map(\.label) == ["(none)"])
  }

  /// The listing of the repository's own suites: every section, and every spec in Tasks/ by name.
  @Test func listingHasEverySectionAndTheRepositorysSuites() async throws {
    let context = CommandContext.memory(currentDirectory: Binary.packageRoot)
    let status = await CWMBenchCLI.run(arguments: ["list"], context: context)
    #expect(status == 0)
    let output = context.standardOutput.contents
    let titles = output.split(separator: "\n").filter { $0.hasSuffix(":") && !$0.hasPrefix(" ") }
    #expect(
      titles == [
        "FAMILIES:", "GROUPS:", "ACTION KINDS:", "REVEALS:", "EDIT KINDS (strings):", "RENDERERS:", "MODEL ADAPTERS:",
        "MODES:", "SUITES:",
      ])
    let specs = try FileManager.default.contentsOfDirectory(atPath: Binary.packageRoot + "/Tasks")
      .filter { $0.hasSuffix(".json") }
    #expect(!specs.isEmpty)
    for spec in specs {
      let data = try #require(FileManager.default.contents(atPath: Binary.packageRoot + "/Tasks/" + spec))
      // Foundation's parser, independent of the code under test, says what the name is.
      let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      let name = try #require(object["name"] as? String)
      #expect(output.contains("  Tasks/\(spec)") && output.contains(name), "\(spec)")
    }
  }
}
