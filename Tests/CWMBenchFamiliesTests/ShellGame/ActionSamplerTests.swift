import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// Uniformity of the samplers (chi-square) and parity of A_n.
@Suite(.offCooperativePool) struct ActionSamplerTests {
  /// Pearson's statistic against a uniform expectation.
  static func chiSquare(_ counts: [Int]) -> Double {
    let total = counts.reduce(0, +)
    let expected = Double(total) / Double(counts.count)
    return counts.reduce(0) { $0 + pow2(Double($1) - expected) / expected }
  }

  static func pow2(_ x: Double) -> Double { x * x }

  /// The 99.9% quantile of χ² with `df` degrees of freedom (Wilson–Hilferty), so a correct
  /// sampler fails about once in a thousand runs of a fresh seed; seeds here are fixed.
  static func critical(df: Int) -> Double {
    let d = Double(df)
    let z = 3.090
    let term = 1 - 2 / (9 * d) + z * (2 / (9 * d)).squareRoot()
    return d * term * term * term
  }

  @Test(arguments: [
    ("S3", ActionKind.tuple, 6), ("S4", .tuple, 24), ("A4", .tuple, 12), ("A5", .tuple, 60),
    ("Z6", .tuple, 6), ("S4", .swap, 6), ("S4", .cycle3, 8), ("A5", .cycle3, 20), ("S5", .rotate, 4),
  ])
  func observedActionsAreUniform(group: String, kind: ActionKind, support: Int) throws {
    let sampler = ActionSampler(group: try Group(parsing: group), kind: kind)
    var rng = Xoshiro256(seed: 42)
    var counts: [String: Int] = [:]
    let draws = support * 400
    for _ in 0..<draws {
      let action = sampler.observed(using: &rng)
      counts["\(action.targets)>\(action.arrangements[0])", default: 0] += 1
    }
    #expect(counts.count == support)
    let statistic = Self.chiSquare(counts.keys.sorted().map { counts[$0]! })
    #expect(statistic < Self.critical(df: support - 1), "χ² = \(statistic)")
  }

  @Test(arguments: [3, 4, 5, 6, 7])
  func alternatingElementsAreEven(n: Int) throws {
    let sampler = ActionSampler(group: try Group(kind: .alternating, n: n), kind: .tuple)
    var rng = Xoshiro256(seed: UInt64(n))
    for _ in 0..<500 { #expect(!Permutation.isOdd(sampler.groupElement(using: &rng))) }
    for _ in 0..<200 {
      let hidden = sampler.hidden(choices: 3, using: &rng)
      #expect(hidden.arrangements.allSatisfy { !Permutation.isOdd($0) })
    }
  }

  @Test func hiddenChoicesAreDistinctAndOutcomesUniform() throws {
    let sampler = ActionSampler(group: try Group(parsing: "S4"), kind: .cycle3)
    var rng = Xoshiro256(seed: 7)
    var outcome = [0, 0, 0]
    for _ in 0..<3000 {
      let action = sampler.hidden(choices: 3, using: &rng)
      #expect(Set(action.arrangements).count == 3)
      outcome[action.chosen] += 1
    }
    #expect(Self.chiSquare(outcome) < Self.critical(df: 2))
  }

  @Test func permutationRankIsLexicographic() {
    let all = Permutation.all(count: 4)
    #expect(all.count == 24)
    #expect(all == all.sorted { $0.lexicographicallyPrecedes($1) })
    for (index, permutation) in all.enumerated() { #expect(Permutation.rank(permutation) == index) }
  }

  @Test func initialValuesAreDistinctAndInRange() throws {
    let params = CellParameters(family: .perm, group: try Group(parsing: "S9"), length: 1, spacing: .final)
    let generator = TraceGenerator(params: params)
    var seen = Set<Int>()
    for seed in 0..<200 {
      let values = generator.trace(seed: UInt64(seed)).initialValues
      #expect(Set(values).count == 9)
      #expect(values.allSatisfy { (1...9).contains($0) })
      seen.formUnion(values)
    }
    #expect(seen == Set(1...9))
  }
}
