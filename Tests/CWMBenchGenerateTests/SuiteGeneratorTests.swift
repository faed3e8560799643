import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

@Suite(.offCooperativePool) struct SuiteGeneratorTests {
  static let specText = """
    {"name": "mini", "seed": 5,
     "grid": {"family": ["perm", "pfsa"], "group": ["S3", "A4"], "length": [4, 9], "spacing": [2, "final"]},
     "fixed": {"hidden": 0.5, "choices": 2, "actions": "tuple"},
     "examples": 7, "train": {"grid": {"length": [4]}, "examples": 3}}
    """

  static func spec() throws -> SuiteSpec {
    try SuiteSpec(json: JSONParser.parse(specText), origin: "mini.json")
  }

  func generate(jobs: Int, split: Split = .test, examples: Int? = nil, into directory: TemporaryDirectory) throws
    -> [UInt8]
  {
    let summary = try SuiteGenerator(spec: try Self.spec(), split: split, jobs: jobs, examples: examples)
      .write(toDirectory: directory.path)
    return [UInt8](FileManager.default.contents(atPath: summary.tasksPath)!)
  }

  @Test func outputIsIdenticalWhateverTheJobs() throws {
    let one = try TemporaryDirectory(), two = try TemporaryDirectory(), five = try TemporaryDirectory()
    let reference = try generate(jobs: 1, examples: 40, into: one)
    #expect(try generate(jobs: 2, examples: 40, into: two) == reference)
    #expect(try generate(jobs: 5, examples: 40, into: five) == reference)
    #expect(
      FileManager.default.contents(atPath: one.file("mini.manifest.json"))
        == FileManager.default.contents(atPath: five.file("mini.manifest.json")))
  }

  @Test func manifestRecordsCountsAndTheFilesHash() throws {
    let directory = try TemporaryDirectory()
    let bytes = try generate(jobs: 2, into: directory)
    let manifest = try JSONParser.parse(
      [UInt8](FileManager.default.contents(atPath: directory.file("mini.manifest.json"))!))
    #expect(manifest["sha256"]?.stringValue == SHA256.hexDigest(of: bytes))
    let examples = try TaskFileReader.readAll(inFileAt: directory.file("mini.jsonl"))
    #expect(manifest["examples"]?.intValue == examples.count)
    #expect(manifest["queries"]?.intValue == examples.reduce(0) { $0 + $1.queries.count })
    #expect(manifest["split"]?.stringValue == "test")
    #expect(manifest["spec"] == (try JSONParser.parse(Self.specText)))
    let cells = try #require(manifest["cells"]?.arrayValue)
    // A4 admits tuple; spacing 9 > length 4 is skipped; pfsa A4 tuple choices 2 is valid.
    #expect(cells.count == examples.count / 7)
    #expect(Set(examples.map(\.id)).count == examples.count)
    #expect(directory.contents() == ["mini.jsonl", "mini.manifest.json"])
  }

  @Test func addingACellLeavesTheOthersUnchanged() throws {
    var json = try JSONParser.parse(Self.specText).objectValue!
    var grid = json["grid"]!.objectValue!
    grid["group"] = .array([.string("S3"), .string("S4"), .string("A4")])
    json["grid"] = .object(grid)
    let larger = try SuiteSpec(json: .object(json), origin: "larger.json")
    let a = try TemporaryDirectory(), b = try TemporaryDirectory()
    _ = try SuiteGenerator(spec: try Self.spec(), split: .test, jobs: 1).write(toDirectory: a.path)
    _ = try SuiteGenerator(spec: larger, split: .test, jobs: 1).write(toDirectory: b.path)
    let small = try TaskFileReader.readAll(inFileAt: a.file("mini.jsonl"))
    let big = Dictionary(
      uniqueKeysWithValues: try TaskFileReader.readAll(inFileAt: b.file("mini.jsonl")).map { ($0.id, $0) })
    #expect(big.count > small.count)
    for example in small { #expect(big[example.id] == example) }
  }

  @Test func trainAndTestDrawDifferentExamples() throws {
    let test = try TemporaryDirectory(), train = try TemporaryDirectory()
    _ = try generate(jobs: 1, into: test)
    _ = try generate(jobs: 1, split: .train, into: train)
    let testTexts = Set(try TaskFileReader.readAll(inFileAt: test.file("mini.jsonl")).map(\.text))
    let trainExamples = try TaskFileReader.readAll(inFileAt: train.file("mini.jsonl"))
    #expect(trainExamples.allSatisfy { $0.params.length == 4 })
    #expect(trainExamples.count == 3 * 8)
    #expect(trainExamples.filter { testTexts.contains($0.text) }.count < trainExamples.count / 4)
    for cell in ["perm/S3/tuple/one/T4/k2", "pfsa/A4/tuple/one/h0.5/c2/T4/k2"] {
      for index in 0..<3 {
        #expect(
          ExampleSeed.make(suiteSeed: 5, split: .test, cellKey: cell, index: index)
            != ExampleSeed.make(suiteSeed: 5, split: .train, cellKey: cell, index: index))
      }
    }
  }

  @Test func examplesRoundTripThroughTheirJSON() throws {
    let directory = try TemporaryDirectory()
    _ = try generate(jobs: 1, into: directory)
    for example in try TaskFileReader.readAll(inFileAt: directory.file("mini.jsonl")) {
      var writer = JSONWriter()
      example.write(to: &writer)
      #expect(try TaskExample(json: JSONParser.parse(writer.bytes)) == example)
      // Sorted keys, as the contract requires.
      #expect(JSONWriter.encode(try JSONParser.parse(writer.bytes)) == String(decoding: writer.bytes, as: UTF8.self))
    }
  }

  static let badSpecs: [(String, String)] = [
    (
      #"{"name": "x", "seed": 1, "examples": 2, "grid": {"family": ["perm"], "group": ["Q5"], "length": [4], "spacing": [1]}}"#,
      "field 'grid.group': unknown group 'Q5'"
    ),
    (
      #"{"name": "x", "seed": 1, "examples": 2, "family": "perm", "grid": {"group": ["A5"], "length": [4], "spacing": [1]}, "fixed": {"actions": "swap"}}"#,
      "field 'fixed.actions': actions 'swap' are not in group 'A5'"
    ),
    (
      #"{"name": "x", "seed": 1, "examples": 2, "family": "pfsa", "grid": {"group": ["S5"], "length": [4], "spacing": [1]}, "fixed": {"choices": 3}}"#,
      "field 'fixed.choices'"
    ),
    (
      #"{"name": "x", "seed": 1, "examples": 2, "family": "perm", "grid": {"group": ["S5"], "length": [4], "spacing": [0]}}"#,
      "field 'grid.spacing'"
    ),
    (
      #"{"name": "x", "seed": 1, "examples": 2, "family": "pfsa", "grid": {"group": ["S9"], "length": [4], "spacing": [1]}}"#,
      "field 'grid.group'"
    ),
    (
      #"{"name": "x", "seed": 1, "examples": 2, "family": "pfsa", "grid": {"group": ["S7"], "length": [4], "spacing": [1], "reveal": ["all"]}}"#,
      "n ≤ 6"
    ),
    (
      #"{"name": "x", "seed": 1, "examples": 2, "family": "perm", "grid": {"group": ["S3"], "length": [4], "spacing": [1], "colour": ["red"]}}"#,
      "field 'grid.colour'"
    ),
    (
      #"{"name": "x", "seed": 1, "family": "perm", "grid": {"group": ["S3"], "length": [4], "spacing": [1]}}"#,
      "missing field 'examples'"
    ),
    (
      #"{"name": "x", "seed": 1, "examples": 2, "family": "perm", "grid": {"group": ["Z4"], "length": [4], "spacing": [1]}, "fixed": {"actions": "cycle3"}}"#,
      "not in group 'Z4'"
    ),
    (
      #"{"name": "x", "seed": 1, "examples": 2, "family": "perm", "grid": {"group": ["A4"], "length": [4], "spacing": [1]}, "fixed": {"actions": "rotate"}}"#,
      "not in group 'A4'"
    ),
  ]

  @Test(arguments: badSpecs)
  func invalidSpecsNameTheFileAndTheField(text: String, expected: String) throws {
    do {
      _ = try SuiteSpec(json: JSONParser.parse(text), origin: "Tasks/bad.json")
      Issue.record("spec was accepted")
    } catch {
      let error = try #require(error as? TaskFileError)
      #expect(error.description.hasPrefix("'Tasks/bad.json': "))
      #expect(error.description.contains(expected), "\(error.description)")
    }
  }
}
