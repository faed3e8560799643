import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchReport

/// The paired bootstrap against a plain loop over the same draws, on each code width.
@Suite struct ReportStatisticsPairsTests {
  /// A straightforward paired bootstrap: draw examples, sum both models' counts, sort, take the percentiles.
  static func naive(_ examples: [ReportStatistics.PairedCounts], seed: UInt64, resamples: Int) -> ConfidenceInterval {
    var generator = Xoshiro256(seed: seed)
    var statistics: [Double] = []
    for _ in 0..<resamples {
      var (a, b, c, d) = (0, 0, 0, 0)
      for _ in examples.indices {
        let e = examples[generator.uniform(below: examples.count)]
        (a, b, c, d) = (a + e.rightA, b + e.queriesA, c + e.rightB, d + e.queriesB)
      }
      statistics.append(Double(a) / Double(b) - Double(c) / Double(d))
    }
    statistics.sort()
    let low = Int((0.025 * Double(resamples)).rounded(.down))
    let high = Int((0.975 * Double(resamples)).rounded(.up)) - 1
    return ConfidenceInterval(low: statistics[low], high: statistics[high])
  }

  // Distinct count quadruples: few (one-byte codes), many (two-byte codes), more than 65,536
  // (four-byte; fewer resamples there, to keep a debug build quick).
  @Test(arguments: [(200, 4, 1000), (3000, 40, 1000), (70_000, 400, 40)])
  func matchesAPlainLoop(examples: Int, queries: Int, resamples: Int) {
    var generator = Xoshiro256(seed: UInt64(examples))
    var sample = ReportStatistics.PairedSample()
    var plain: [ReportStatistics.PairedCounts] = []
    for _ in 0..<examples {
      let qA = 1 + generator.uniform(below: queries)
      let qB = generator.uniform(below: 2) == 0 ? qA : 1 + generator.uniform(below: queries)
      let counts = ReportStatistics.PairedCounts(
        rightA: generator.uniform(below: qA + 1), queriesA: qA, rightB: generator.uniform(below: qB + 1), queriesB: qB)
      sample.append(counts)
      plain.append(counts)
    }
    #expect(sample.codes.count == examples)
    let sums = plain.reduce((0, 0, 0, 0)) {
      ($0.0 + $1.rightA, $0.1 + $1.queriesA, $0.2 + $1.rightB, $0.3 + $1.queriesB)
    }
    #expect(sample.difference == Double(sums.0) / Double(sums.1) - Double(sums.2) / Double(sums.3))
    #expect(sample.queriesA == sums.1)
    #expect(sample.values.count > (examples > 65536 ? 65536 : examples > 1000 ? 256 : 0))
    #expect(
      ReportStatistics.pairedBootstrap(sample, seed: 7, resamples: resamples)
        == Self.naive(plain, seed: 7, resamples: resamples))
  }

  @Test func identicalModelsDifferByExactlyZero() {
    var sample = ReportStatistics.PairedSample()
    for right in [0, 1, 2, 2, 3] { sample.append(.init(rightA: right, queriesA: 3, rightB: right, queriesB: 3)) }
    #expect(sample.difference == 0)
    #expect(ReportStatistics.pairedBootstrap(sample, seed: 1) == ConfidenceInterval(low: 0, high: 0))
  }
}
