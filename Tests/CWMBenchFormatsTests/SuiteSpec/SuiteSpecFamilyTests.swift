import CWMBenchFamilies
import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats

/// Suite specs of the `strings` and `programs` families: their parameters, defaults and mistakes.
@Suite(.offCooperativePool) struct SuiteSpecFamilyTests {
  static func spec(_ grid: String, family: String) throws -> SuiteSpec {
    let text = "{\"name\": \"t\", \"seed\": 1, \"examples\": 2, \"family\": \"\(family)\", \"grid\": \(grid)}"
    return try SuiteSpec(json: try JSONParser.parse(Array(text.utf8)), origin: "t.json")
  }

  @Test func stringsCellsCrossTheirParametersWithDefaults() throws {
    let cells = try Self.spec(
      "{\"width\": [4, 12], \"edits\": [\"set\", \"mixed\"], \"length\": [8], \"spacing\": [1, \"final\"]}",
      family: "strings"
    ).cells(for: .test)
    #expect(cells.count == 8)
    #expect(cells.map(\.key).first == "strings/w4/v2/set/T8/k1")
    #expect(
      cells.allSatisfy { $0.stringsParameters.variables == StringsParameters.defaultVariables && $0.render == .repl })
    #expect(Set(cells.map(\.key)).count == 8)
  }

  @Test func programsDefaultToAllProgramsSixtyFourLinesAndCWM() throws {
    let cells = try Self.spec("{\"spacing\": [1, 4, \"final\"]}", family: "programs").cells(for: .test)
    #expect(cells.map(\.key) == ["programs/all/T64/k1", "programs/all/T64/k4", "programs/all/T64/kfinal"])
    #expect(cells.allSatisfy { $0.render == .cwm && $0.length == ProgramsParameters.defaultLength })
  }

  /// Each mistake names the field and is refused before any cell is made.
  @Test(arguments: [
    (
      "strings", "{\"width\": [4, 13], \"length\": [8], \"spacing\": [1]}",
      "'t.json': field 'grid.width': invalid width '13'"
    ),
    ("strings", "{\"width\": [3], \"length\": [8], \"spacing\": [1]}", "field 'grid.width': invalid width '3'"),
    (
      "strings", "{\"variables\": [27], \"length\": [8], \"spacing\": [1]}",
      "field 'grid.variables': invalid variables '27'"
    ),
    ("strings", "{\"variables\": [1], \"edits\": [\"move\"], \"length\": [8], \"spacing\": [1]}", "field 'grid.edits'"),
    (
      "strings", "{\"edits\": [\"set+bogus\"], \"length\": [8], \"spacing\": [1]}",
      "field 'grid.edits': invalid edits 'set+bogus'"
    ),
    ("strings", "{\"edits\": [\"set+set\"], \"length\": [8], \"spacing\": [1]}", "each edit kind at most once"),
    (
      "strings", "{\"group\": [\"S3\"], \"length\": [8], \"spacing\": [1]}",
      "field 'grid.group': expected no 'group' for strings"
    ),
    ("programs", "{\"render\": [\"repl\"], \"spacing\": [1]}", "field 'grid.render': invalid render 'repl'"),
    ("programs", "{\"program\": [\"Two Sum\"], \"spacing\": [1]}", "field 'grid.program': invalid program 'Two Sum'"),
    ("programs", "{\"length\": [20001], \"spacing\": [1]}", "field 'grid.length': invalid length '20001'"),
    ("perm", "{\"length\": [8], \"spacing\": [1]}", "missing field 'grid.group'"),
    (
      "perm", "{\"group\": [\"S3\"], \"width\": [6], \"length\": [8], \"spacing\": [1]}",
      "field 'grid.width': expected no 'width' for perm"
    ),
  ])
  func mistakesNameTheField(family: String, grid: String, message: String) {
    do {
      _ = try Self.spec(grid, family: family)
      Issue.record("accepted \(grid)")
    } catch {
      #expect(String(describing: error).contains(message), "\(error)")
    }
  }
}
