import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// `strings` suites through the suite writer: determinism, the task file read back, bad specs refused.
@Suite(.offCooperativePool) struct StringsSuiteTests {
  static let specText = """
    {"name": "words", "seed": 3,
     "grid": {"family": "strings", "width": [4, 12], "variables": [1, 3], "edits": ["set+swap", "mixed"],
              "render": ["repl", "cwm", "nl"], "length": [5, 40], "spacing": [2, "final"]},
     "examples": 9}
    """

  static func spec(_ text: String = specText) throws -> SuiteSpec {
    try SuiteSpec(json: JSONParser.parse(text), origin: "words.json")
  }

  static func generate(jobs: Int, seed: UInt64? = nil, into directory: TemporaryDirectory) throws -> [UInt8] {
    let summary = try SuiteGenerator(spec: try spec(), split: .test, jobs: jobs, seed: seed)
      .write(toDirectory: directory.path)
    return [UInt8](FileManager.default.contents(atPath: summary.tasksPath)!)
  }

  @Test func outputIsIdenticalWhateverTheJobs() throws {
    let one = try TemporaryDirectory(), two = try TemporaryDirectory(), again = try TemporaryDirectory()
    let reference = try Self.generate(jobs: 1, into: one)
    #expect(reference.count > 100_000)
    #expect(try Self.generate(jobs: 2, into: two) == reference)
    #expect(
      FileManager.default.contents(atPath: one.file("words.manifest.json"))
        == FileManager.default.contents(atPath: two.file("words.manifest.json")))
    // The seed decides the draws: another seed gives other words and edits.
    #expect(try Self.generate(jobs: 2, seed: 4, into: again) != reference)
  }

  @Test func taskFileReadsBackAsTheExamplesGenerated() throws {
    let directory = try TemporaryDirectory()
    _ = try Self.generate(jobs: 2, into: directory)
    let examples = try TaskFileReader.readAll(inFileAt: directory.file("words.jsonl"))
    let cells = try Self.spec().cells(for: .test)
    #expect(cells.count == 2 * 2 * 2 * 3 * 2 * 2)
    #expect(examples.count == cells.count * 9)
    var index = 0
    for cell in cells {
      let factory = StringsExampleFactory(params: cell)
      for number in 0..<9 {
        let seed = ExampleSeed.make(suiteSeed: 3, split: .test, cellKey: cell.key, index: number)
        var expected = factory.example(index: number, seed: seed)
        expected.recordCopies()  // what `generate` adds to every example
        #expect(examples[index] == expected, "\(expected.id)")
        #expect(expected.id == cell.key + "/" + String(number))
        index += 1
      }
    }
    let first = try #require(examples.first)
    #expect(first.initialStrings?.count == first.params.stringsParameters.variables)
    #expect(first.queries.allSatisfy { $0.candidates == nil && $0.probs == nil && $0.sinceWord != nil })
  }

  @Test func cellKeysSpellTheParameters() {
    #expect(CellParameters.strings(length: 8, spacing: .every(1)).key == "strings/w6/v2/mixed/T8/k1")
    let cell = CellParameters.strings(
      length: 32, spacing: .final, width: 4, variables: 3, edits: try! EditSelection(parsing: "swap+set"), render: .nl)
    #expect(cell.key == "strings/w4/v3/set+swap/nl/T32/kfinal")
    // `start: random` enters the key before the rendering; `word`, the default, does not.
    let random = CellParameters.strings(length: 8, spacing: .every(2), start: .random, render: .cwm)
    #expect(random.key == "strings/w6/v2/mixed/random/cwm/T8/k2")
  }

  /// Each bad spec, the field its error must name and the offending value it must quote.
  static let badSpecs: [(grid: String, field: String, value: String)] = [
    (#""edits": ["set", "sett"]"#, "grid.edits", "'sett'"),
    (#""edits": "set+set""#, "grid.edits", "'set+set'"),
    (#""width": [3]"#, "grid.width", "'3'"),
    (#""width": [13]"#, "grid.width", "'13'"),
    (#""variables": [27]"#, "grid.variables", "'27'"),
    (#""variables": [1], "edits": ["move"]"#, "grid.edits", "'move'"),
    (#""variables": [1], "edits": ["set+move"]"#, "grid.edits", "'set+move'"),
    (#""group": ["S3"]"#, "grid.group", "'S3'"),
    (#""start": ["words"]"#, "grid.start", "'words'"),
  ]

  @Test(arguments: badSpecs.indices)
  func badParametersAreRefusedNamingTheField(case index: Int) {
    let bad = Self.badSpecs[index]
    let text =
      #"{"name": "bad", "seed": 1, "examples": 2, "grid": {"family": "strings", "length": [8], "#
      + #""spacing": [4], \#(bad.grid)}}"#
    #expect {
      _ = try Self.spec(text)
    } throws: { error in
      let message = String(describing: error)
      return message.contains("'words.json'") && message.contains("field '\(bad.field)'")
        && message.contains(bad.value)
    }
  }

  @Test func shippedSuiteSpecGenerates() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tasks/strings.json").path
    let spec = try SuiteSpec(json: JSONParser.parse(String(contentsOfFile: path, encoding: .utf8)), origin: path)
    let cells = try spec.cells(for: .test)
    #expect(cells.count == 2 * 2 * 6 * 2 * 3)
    #expect(cells.allSatisfy { $0.family.name == StringsFamily.name && $0.render == .repl })
    let directory = try TemporaryDirectory()
    let summary = try SuiteGenerator(spec: spec, split: .test, jobs: 2, examples: 2).write(toDirectory: directory.path)
    #expect(summary.examples == cells.count * 2)
  }
}
