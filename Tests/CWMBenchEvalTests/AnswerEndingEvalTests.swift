import CWMBenchFamilies
import CWMBenchGenerate
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// Score mode counts an answer only when the model would end it (issue 20): a scripted exec
/// adapter (`Tests/Fixtures/adapters/greedy_writer.py`, on the Python helper) writes every
/// answer and then either the trace or one character too many.
@Suite(.offCooperativePool) struct AnswerEndingEvalTests {
  static let spec = """
    {"name": "ends", "seed": 3,
     "grid": {"family": "strings", "width": [4], "variables": [1, 2], "edits": ["mixed"],
              "length": [6], "spacing": [1, "final"]},
     "examples": 3}
    """

  /// Evaluates the suite in score mode with the fixture (GREEDY as given); the records by id.
  static func evaluate(greedy: String) async throws -> ([TaskExample], [String: ResultRecord]) {
    try await AdapterTestSupport.evaluateSuite(
      spec, jobs: 1, fixture: "greedy_writer.py", environment: ["GREEDY": greedy], mode: .score)
  }

  @Test func anOverrunIsWrongAndAProperEndingIsRight() async throws {
    for (greedy, expected) in [("overrun", false), ("exact", true)] {
      let (examples, records) = try await Self.evaluate(greedy: greedy)
      #expect(examples.count == 12)
      #expect(records.count == examples.count)
      var queries = 0
      for example in examples {
        let record = try #require(records[example.id])
        #expect(record.error == nil && record.mode == .score)
        #expect(record.queries.count == example.queries.count)
        for (query, result) in zip(example.queries, record.queries) {
          // The answer itself is reproduced either way; only what follows it differs.
          #expect(result.predicted == query.answer && result.logprob == 0)
          #expect(result.correct == expected, "\(greedy) \(example.id): '\(query.answer)'")
          queries += 1
        }
      }
      #expect(queries > 0)
    }
  }
}
