import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// Pins the bytes of `strings` task files, so that refactoring cannot change the draws or the
/// rendering unnoticed (the draw order is part of the format: docs/strings.md).
///
/// The hashes were taken when the family was written (branch `strings`) and again for 0.2.0
/// (`params.start` written, `final` traces whose answer shows in the text before redrawn); a
/// change that means to alter generated files must update them and say why.
@Suite(.offCooperativePool) struct StringsPinnedOutputTests {
  static let rendersSpec = """
    {"name": "strings-pin", "seed": 2,
     "grid": {"family": "strings", "width": [5, 11], "variables": [2, 4], "edits": ["mixed", "reverse+move"],
              "render": ["repl", "cwm", "nl"], "length": [12, 48], "spacing": [3, "final"]},
     "examples": 5}
    """

  static func sha256(spec text: String, origin: String) throws -> String {
    let directory = try TemporaryDirectory()
    let spec = try SuiteSpec(json: JSONParser.parse(text), origin: origin)
    return try SuiteGenerator(spec: spec, split: .test, jobs: 2).write(toDirectory: directory.path).sha256
  }

  @Test func shippedSuiteIsPinned() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tasks/strings.json").path
    let digest = try Self.sha256(spec: String(contentsOfFile: path, encoding: .utf8), origin: path)
    #expect(digest == "af8b2efc6edd576445f72e0b38a2abf71872635458c08e66b0738545b4d5dfc9")
  }

  @Test func everyRenderIsPinned() throws {
    let digest = try Self.sha256(spec: Self.rendersSpec, origin: "strings-pin.json")
    // Re-pinned for reveal cues (issue 21: the cwm third changed, was 698b7871…) and for `copy` (issue 20).
    #expect(digest == "50a203fc3038865b8cb97808112cb144b1bb03b3ac738451a2cb5bcd03d4f142")
  }

  @Test func statesReplayToEveryReveal() {
    // The trace's own replay (for step-through views) agrees with what each reveal recorded.
    for cell in StringsCorpus.cells where cell.length == 13 {
      let trace = StringsTraceGenerator(params: cell).trace(seed: 17)
      let states = trace.states()
      #expect(states.count == cell.length + 1 && states[0] == trace.initial)
      for reveal in trace.reveals { #expect(states[reveal.step][reveal.variable] == reveal.value) }
    }
  }
}
