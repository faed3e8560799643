import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// Deterministic in-memory report data: a tracker that degrades with length, a chance-level model.
enum ReportFixtures {
  static func cell(
    _ family: ShellGameFamily.Variant = .perm, group: String = "S5", reveal: RevealKind = .one, hidden: Double = 0,
    length: Int, spacing: Spacing
  ) -> ReportCell {
    let group = try! Group(parsing: group)
    return ReportCell(
      CellParameters(
        family: family, group: group, length: length, spacing: spacing, reveal: reveal,
        hidden: family == .pfsa ? hidden : 0))
  }

  /// Scores of `examples` examples of `queries` queries, each right with probability `p`.
  static func scores(p: Double, examples: Int, queries: Int, seed: UInt64, pfsa: Bool = false) -> [ExampleScore] {
    var generator = Xoshiro256(seed: seed)
    return (0..<examples).map { _ in
      var correct = 0
      var last = false
      var nll = 0.0
      var bayesCorrect = 0
      for _ in 0..<queries {
        last = generator.unitInterval() < p
        if last { correct += 1 }
        nll += last ? 0.3 : 2.0
        if generator.unitInterval() < 0.8 { bayesCorrect += 1 }
      }
      return ExampleScore(
        queries: queries, correct: correct, lastCorrect: last, bayesCorrect: pfsa ? bayesCorrect : 0,
        nll: pfsa ? nll : nil, bayesNLL: pfsa ? 0.5 * Double(queries) : nil, tv: nil)
    }
  }

  static func permData() -> ReportData {
    var rows: [SummaryRow] = []
    for group in ["S3", "S5"] {
      let n = Double(group.dropFirst())!
      for length in [8, 16, 32, 64, 128] {
        for spacing: Spacing in [.every(1), .every(2), .every(4), .every(8), .final] {
          if case .every(let k) = spacing, k > length { continue }
          let cell = cell(group: group, length: length, spacing: spacing)
          let queries = length / spacing.actions(forLength: length)
          let difficulty = Double(spacing.actions(forLength: length)) / 64 + Double(length) / 512
          let p = max(1 / n, 1 - difficulty * 0.6)
          let seed = stableHash(cell.key)
          rows += CellSummarizer.rows(
            model: "tiny-deltanet", cell: cell, scores: scores(p: p, examples: 20, queries: queries, seed: seed))
          rows += CellSummarizer.rows(
            model: "random", cell: cell, scores: scores(p: 1 / n, examples: 20, queries: queries, seed: seed &+ 1))
        }
      }
    }
    return ReportData(
      title: "shell-game", rows: rows,
      models: [
        ModelReport(name: "random", trainLength: nil, runs: ["runs/random"], scored: 900),
        ModelReport(name: "tiny-deltanet", trainLength: 64, runs: ["runs/tiny"], scored: 900),
      ])
  }

  static func pfsaData() -> ReportData {
    var rows: [SummaryRow] = []
    for hidden in [0.25, 0.5] {
      for length in [16, 64] {
        for spacing: Spacing in [.every(1), .every(4), .every(16)] {
          let cell = cell(.pfsa, group: "S4", hidden: hidden, length: length, spacing: spacing)
          let queries = length / spacing.actions(forLength: length)
          rows += CellSummarizer.rows(
            model: "oracle", cell: cell,
            scores: scores(p: 0.8, examples: 15, queries: queries, seed: stableHash(cell.key), pfsa: true))
        }
      }
    }
    return ReportData(
      title: "pfsa", rows: rows,
      models: [ModelReport(name: "oracle", trainLength: nil, runs: ["runs/oracle"], scored: 180)])
  }
}
