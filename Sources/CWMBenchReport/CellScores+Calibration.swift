import CWMBenchCore
import CWMBenchFormats

extension CellScores {
  /// Where each example's calibration points start in `calibration` (its `queries` points
  /// follow), or −1 for an example without them.
  ///
  /// - Complexity: O(examples).
  func calibrationStarts() -> [Int] {
    var starts: [Int] = []
    starts.reserveCapacity(count)
    var next = 0
    for index in 0..<count {
      if has(CellScores.calibrationFlag, at: index) {
        starts.append(next)
        next += Int(queries[index])
      } else {
        starts.append(-1)
      }
    }
    return starts
  }

  /// The calibration points regrouped for the examples taken in `order`.
  func calibrationPoints(in order: [Int]) -> [CalibrationPoint] {
    guard !calibration.isEmpty else { return [] }
    let starts = calibrationStarts()
    var points: [CalibrationPoint] = []
    points.reserveCapacity(calibration.count)
    for index in order where starts[index] >= 0 {
      points += calibration[starts[index]..<starts[index] + Int(queries[index])]
    }
    return points
  }

  /// The model's reliability on this cell: per confidence bin, the count and sums of confidence,
  /// posterior and hits over every calibration point.
  func reliability() -> ReliabilityBins {
    var bins = ReliabilityBins()
    for point in calibration { bins.add(point) }
    return bins
  }

  /// The examples that have calibration points, each as (its points' range in `calibration`).
  func calibrationExamples() -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var next = 0
    for index in 0..<count where has(CellScores.calibrationFlag, at: index) {
      ranges.append(next..<next + Int(queries[index]))
      next += Int(queries[index])
    }
    return ranges
  }
}
