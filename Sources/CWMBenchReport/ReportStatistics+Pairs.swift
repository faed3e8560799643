import CWMBenchCore
import CWMBenchFormats

extension ReportStatistics {
  /// One shared example of a pair: each model's queries right and queries answered.
  struct PairedCounts: Hashable {
    var rightA: Int
    var queriesA: Int
    var rightB: Int
    var queriesB: Int
  }

  /// Shared examples of a pair of models, coded compactly: the distinct `PairedCounts` and one
  /// code per example, in task-file order.
  ///
  /// Counts take few distinct values, so a cell of a million shared examples costs a million
  /// one- or two-byte codes while its paired bootstrap runs, never a second copy of the results.
  struct PairedSample {
    private(set) var values: [PairedCounts] = []
    private(set) var codes: [UInt32] = []
    private var table: [PairedCounts: UInt32] = [:]

    /// Appends one shared example.
    mutating func append(_ counts: PairedCounts) {
      if let code = table[counts] {
        codes.append(code)
      } else {
        table[counts] = UInt32(values.count)
        codes.append(UInt32(values.count))
        values.append(counts)
      }
    }

    /// Σ right / Σ queries of A minus the same of B over every example.
    var difference: Double {
      var sums = (0, 0, 0, 0)
      for code in codes {
        let value = values[Int(code)]
        sums = (sums.0 + value.rightA, sums.1 + value.queriesA, sums.2 + value.rightB, sums.3 + value.queriesB)
      }
      return Double(sums.0) / Double(sums.1) - Double(sums.2) / Double(sums.3)
    }

    /// A's queries over every example.
    var queriesA: Int { codes.reduce(0) { $0 + values[Int($1)].queriesA } }
  }

  /// A paired percentile bootstrap interval for accuracy(A) − accuracy(B) over shared examples.
  ///
  /// Each resample draws `sample.codes.count` examples with replacement from `Xoshiro256(seed:)`
  /// (Lemire's method, as `bootstrapRatio`); a drawn example brings both models' counts, so the
  /// pairing is exact. The statistic is ΣrightA/ΣqueriesA − ΣrightB/ΣqueriesB, and the interval
  /// the sorted resamples at ⌊0.025·B⌋ and ⌈0.975·B⌉−1.
  ///
  /// - Complexity: O(resamples × examples), over one- or two-byte codes when counts take at
  ///   most 65,536 distinct values.
  static func pairedBootstrap(
    _ sample: PairedSample, seed: UInt64, resamples: Int = bootstrapResamples
  ) -> ConfidenceInterval {
    guard !sample.codes.isEmpty, resamples > 0 else { return ConfidenceInterval(low: .nan, high: .nan) }
    if sample.values.count <= 256 {
      return pairedCodes(sample.codes.map { UInt8($0) }, sample.values, seed: seed, resamples: resamples)
    }
    if sample.values.count <= 65536 {
      return pairedCodes(sample.codes.map { UInt16($0) }, sample.values, seed: seed, resamples: resamples)
    }
    return pairedCodes(sample.codes, sample.values, seed: seed, resamples: resamples)
  }

  @inline(__always)
  private static func pairedCodes<Code: FixedWidthInteger>(
    _ codes: [Code], _ values: [PairedCounts], seed: UInt64, resamples: Int
  ) -> ConfidenceInterval {
    var generator = Xoshiro256(seed: seed)
    var statistics: [Double] = []
    statistics.reserveCapacity(resamples)
    let count = codes.count
    codes.withUnsafeBufferPointer { codes in
      values.withUnsafeBufferPointer { values in
        for _ in 0..<resamples {
          var (rightA, queriesA, rightB, queriesB) = (0, 0, 0, 0)
          for _ in 0..<count {
            let value = values[Int(codes[generator.uniform(below: count)])]
            rightA &+= value.rightA
            queriesA &+= value.queriesA
            rightB &+= value.rightB
            queriesB &+= value.queriesB
          }
          statistics.append(Double(rightA) / Double(queriesA) - Double(rightB) / Double(queriesB))
        }
      }
    }
    return percentileInterval(&statistics, resamples: resamples)
  }
}
