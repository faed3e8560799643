import CWMBenchFamilies
import CWMBenchGenerate
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// The harness runs a `strings` suite in generate mode against an adapter that executes the
/// prompt in CPython (`Tests/Fixtures/adapters/python_repl.py`).
@Suite struct StringsEvalTests {
  static let spec = """
    {"name": "words", "seed": 8,
     "grid": {"family": "strings", "width": [4, 9], "variables": [1, 3], "edits": ["replace", "mixed"],
              "length": [6, 30], "spacing": [1, 4, "final"]},
     "examples": 4}
    """

  /// Generates the suite, evaluates it with the fixture (STALE as given), returns examples and results.
  static func evaluate(stale: Bool) async throws -> ([TaskExample], [String: ResultRecord]) {
    try await AdapterTestSupport.evaluateSuite(
      spec, jobs: 2, fixture: "python_repl.py", environment: ["STALE": stale ? "1" : "0"], mode: .generate)
  }

  @Test func cpythonAdapterGetsEveryQueryRightInGenerateMode() async throws {
    let (examples, records) = try await Self.evaluate(stale: false)
    let cells = 2 * 2 * 2 * 2 * 3  // widths, variables, edits, lengths, spacings
    #expect(examples.count == cells * 4)
    #expect(records.count == examples.count)
    var queries = 0
    for example in examples {
      let record = try #require(records[example.id])
      #expect(record.error == nil && record.mode == .generate)
      #expect(record.queries.count == example.queries.count)
      for (query, result) in zip(example.queries, record.queries) {
        #expect(result.correct && result.predicted == query.answer, "\(example.id): \(query.answer)")
        queries += 1
      }
    }
    #expect(queries == examples.reduce(0) { $0 + $1.queries.count })
  }

  @Test func aTrackerThatNeverUpdatesIsScoredWrong() async throws {
    // The control: the previous reveal's value is right only when no edit touched the variable since.
    let (examples, records) = try await Self.evaluate(stale: true)
    var right = 0, wrong = 0
    for example in examples {
      for (query, result) in zip(example.queries, try #require(records[example.id]).queries) {
        #expect(result.correct == (result.predicted == query.answer))
        if result.correct { right += 1 } else { wrong += 1 }
      }
    }
    #expect(wrong > 10 * right)
  }
}
