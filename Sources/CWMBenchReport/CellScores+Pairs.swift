import CWMBenchCore
import CWMBenchFormats

extension CellScores {
  /// The indices of the examples in task-file order, or nil when they already are.
  ///
  /// - Complexity: O(examples) when in order, else O(examples log examples).
  func taskOrder() -> [Int]? {
    var sorted = true
    for index in position.indices.dropFirst() where position[index - 1] > position[index] {
      sorted = false
      break
    }
    return sorted ? nil : position.indices.sorted { position[$0] < position[$1] }
  }

  /// The examples this model (A) and `other` (B) both scored, matched by their place in the
  /// task files (the same task file, by content, and line), in task-file order.
  ///
  /// Examples of different task files never match, so runs of different task files are never paired.
  ///
  /// - Complexity: O(examples) when both are in task order, else dominated by sorting.
  func sharedExamples(with other: CellScores) -> ReportStatistics.PairedSample {
    let orderA = taskOrder()
    let orderB = other.taskOrder()
    var sample = ReportStatistics.PairedSample()
    var a = 0
    var b = 0
    while a < count, b < other.count {
      let indexA = orderA?[a] ?? a
      let indexB = orderB?[b] ?? b
      let positionA = position[indexA]
      let positionB = other.position[indexB]
      if positionA < positionB {
        a += 1
      } else if positionB < positionA {
        b += 1
      } else {
        sample.append(
          ReportStatistics.PairedCounts(
            rightA: Int(correct[indexA]), queriesA: Int(queries[indexA]), rightB: Int(other.correct[indexB]),
            queriesB: Int(other.queries[indexB])))
        a += 1
        b += 1
      }
    }
    return sample
  }
}
