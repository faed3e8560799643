import CWMBenchCore
import CWMBenchFormats

/// Small helpers on permutations written as arrays of distinct indices.
public enum Permutation {
  /// Whether `sources` (a permutation of 0..<count) is odd, from its cycle decomposition.
  public static func isOdd(_ sources: [Int]) -> Bool {
    var visited = [Bool](repeating: false, count: sources.count)
    var transpositions = 0
    for start in sources.indices where !visited[start] {
      var length = 0
      var i = start
      while !visited[i] {
        visited[i] = true
        i = sources[i]
        length += 1
      }
      transpositions += length - 1
    }
    return transpositions % 2 == 1
  }

  /// The lexicographic rank of a permutation of 0..<count (its Lehmer code read as a number).
  public static func rank(_ permutation: [Int]) -> Int {
    var rank = 0
    let count = permutation.count
    for i in 0..<count {
      var smaller = 0
      for j in (i + 1)..<count where permutation[j] < permutation[i] { smaller += 1 }
      rank = rank * (count - i) + smaller
    }
    return rank
  }

  /// Every permutation of 0..<count in lexicographic order.
  public static func all(count: Int) -> [[Int]] {
    var result: [[Int]] = []
    var current = Array(0..<count)
    while true {
      result.append(current)
      // Standard next-permutation step.
      guard var i = current.indices.dropLast().last(where: { current[$0] < current[$0 + 1] }) else { break }
      var j = count - 1
      while current[j] <= current[i] { j -= 1 }
      current.swapAt(i, j)
      i += 1
      current[i...].reverse()
    }
    return result
  }

}
