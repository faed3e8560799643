import CWMBenchCore
import CWMBenchFormats

extension ReportStatistics {
  /// A percentile bootstrap interval for the expected calibration error over examples.
  ///
  /// Each resample draws `examples.count` examples with replacement from `Xoshiro256(seed:)`
  /// (each a range of `points`: its queries), sums (confidence − posterior) per confidence bin
  /// and takes Σ_b |sum_b| / points drawn; the interval is the 2.5th and 97.5th percentile, as
  /// in `bootstrapRatio`.
  ///
  /// - Complexity: O(resamples × points).
  static func bootstrapECE(
    points: [CalibrationPoint], examples: [Range<Int>], seed: UInt64, resamples: Int = bootstrapResamples
  ) -> ConfidenceInterval {
    guard !examples.isEmpty, resamples > 0 else { return ConfidenceInterval(low: .nan, high: .nan) }
    let bins = points.map { UInt8($0.bin) }
    let gaps = points.map { $0.confidence - $0.posterior }
    var generator = Xoshiro256(seed: seed)
    var statistics: [Double] = []
    statistics.reserveCapacity(resamples)
    var sums = Array(repeating: 0.0, count: CalibrationPoint.bins)
    for _ in 0..<resamples {
      for bin in sums.indices { sums[bin] = 0 }
      var drawn = 0
      for _ in 0..<examples.count {
        let range = examples[generator.uniform(below: examples.count)]
        for point in range { sums[Int(bins[point])] += gaps[point] }
        drawn += range.count
      }
      statistics.append(sums.reduce(0) { $0 + abs($1) } / Double(drawn))
    }
    return percentileInterval(&statistics, resamples: resamples)
  }
}
