import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

@Suite(.offCooperativePool) struct ReportStatisticsTests {
  // Reference values of the 95% Wilson score interval (Newcombe 1998, table I; Brown, Cai & DasGupta 2001).
  @Test(arguments: [
    (8, 10, 0.4902, 0.9433),
    (0, 10, 0.0, 0.2775),
    (10, 10, 0.7225, 1.0),
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
  ])
  func wilsonMatchesPublishedValues(successes: Int, trials: Int, low: Double, high: Double) {
    let interval = ReportStatistics.wilson(successes: successes, trials: trials)
    #expect(abs(interval.low - low) < 5e-4)
    #expect(abs(interval.high - high) < 5e-4)
  }

  @Test func wilsonOfNoTrialsIsTheUnitInterval() {
    #expect(ReportStatistics.wilson(successes: 0, trials: 0) == ConfidenceInterval(low: 0, high: 1))
  }

  @Test func bootstrapOfIdenticalExamplesIsDegenerate() {
    let interval = ReportStatistics.bootstrapRatio(Array(repeating: (3, 4), count: 7), seed: 9)
    #expect(interval == ConfidenceInterval(low: 0.75, high: 0.75))
  }

  @Test func bootstrapOfTwoOppositeExamplesSpansZeroToOne() {
    // Resampled means are 0, ½, 1 with probability ¼, ½, ¼: both tails hold ~250 of 1000 draws.
    let interval = ReportStatistics.bootstrapRatio([(1, 1), (0, 1)], seed: 42)
    #expect(interval == ConfidenceInterval(low: 0, high: 1))
  }

  @Test func bootstrapIsSeededAndWeightsExamplesByQueries() {
    let pairs: [(numerator: Double, denominator: Double)] = (0..<40).map { i in (Double(i % 5), 4) }
    let first = ReportStatistics.bootstrapRatio(pairs, seed: 7)
    #expect(first == ReportStatistics.bootstrapRatio(pairs, seed: 7))
    // The point estimate is 80/160 = 0.5; the interval must bracket it and stay narrow-ish.
    #expect(first.low < 0.5 && 0.5 < first.high)
    #expect(first.high - first.low < 0.4)
  }

  @Test(arguments: [(5, RevealKind.one, 0.2), (3, .all, 1.0 / 6), (4, .all, 1.0 / 24), (2, .one, 0.5)])
  func chanceIsOneOverCandidates(n: Int, reveal: RevealKind, expected: Double) throws {
    let cell = CellParameters(
      family: .perm, group: try Group(parsing: "S\(n)"), length: 4, spacing: .final, reveal: reveal)
    #expect(abs(cell.family.chance(of: cell) - expected) < 1e-15)
    #expect(abs(ReportCell(cell).chance - expected) < 1e-15)
  }
}
