import CWMBenchCore
import CWMBenchFormats

/// Draws actions of one kind uniformly within a group (docs/task-file.md, `params`).
public struct ActionSampler: Sendable {
  /// The group actions come from.
  public let group: Group
  /// The action kind.
  public let kind: ActionKind

  /// Every variable, ascending: the targets of rotations and tuples, shared rather than rebuilt.
  private let allVariables: [Int]
  /// Prebuilt observed actions, indexed by the draws that select them, so that drawing one
  /// copies a reference instead of allocating arrays (generation is allocation-bound).
  private let table: [TraceAction]

  /// Creates a sampler; the caller has checked `group.admits(kind)`.
  public init(group: Group, kind: ActionKind) {
    self.group = group
    self.kind = kind
    self.allVariables = Array(0..<group.n)
    self.table = Self.buildTable(kind: kind, n: group.n, allVariables: allVariables)
  }

  /// The largest n whose 3-cycles are prebuilt (2·n³ entries).
  static let maximumTabledCycleSize = 12

  private static func buildTable(kind: ActionKind, n: Int, allVariables: [Int]) -> [TraceAction] {
    switch kind {
    case .swap:
      // Index i·n + j for the unordered pair drawn as (i, j), i < j.
      var table = [TraceAction](repeating: TraceAction(targets: [], arrangements: [[]]), count: n * n)
      for i in 0..<n {
        for j in (i + 1)..<max(i + 1, n) { table[i * n + j] = TraceAction(targets: [i, j], arrangements: [[j, i]]) }
      }
      return table
    case .cycle3 where n <= maximumTabledCycleSize && n >= 3:
      // Index ((x·n + y)·n + z)·2 + direction for x < y < z.
      var table = [TraceAction](repeating: TraceAction(targets: [], arrangements: [[]]), count: n * n * n * 2)
      for x in 0..<n {
        for y in (x + 1)..<max(x + 1, n) {
          for z in (y + 1)..<max(y + 1, n) {
            let base = ((x * n + y) * n + z) * 2
            table[base] = TraceAction(targets: [x, y, z], arrangements: [[y, z, x]])
            table[base + 1] = TraceAction(targets: [x, y, z], arrangements: [[z, x, y]])
          }
        }
      }
      return table
    case .rotate:
      return (0..<n).map { r in TraceAction(targets: allVariables, arrangements: [(0..<n).map { ($0 - r + n) % n }]) }
    default:
      return []
    }
  }

  private var n: Int { group.n }

  /// An observed action: a uniformly random action of the kind.
  public func observed(using rng: inout Xoshiro256) -> TraceAction {
    switch kind {
    case .swap:
      let (i, j) = distinctPair(using: &rng)
      return table[i * n + j]
    case .cycle3:
      let targets = distinctTriple(using: &rng)
      let (x, y, z) = (targets[0], targets[1], targets[2])
      let forward = rng.uniform(below: 2) == 0
      if !table.isEmpty { return table[((x * n + y) * n + z) * 2 + (forward ? 0 : 1)] }
      return TraceAction(targets: targets, arrangements: [forward ? [y, z, x] : [z, x, y]])
    case .rotate:
      return table[rng.uniform(in: 1...(n - 1))]
    case .tuple:
      return TraceAction(targets: allVariables, arrangements: [groupElement(using: &rng)])
    }
  }

  /// A hidden action: `choices` distinct elements moving only the action's own variables,
  /// listed in random order, with the executed one drawn uniformly among them.
  public func hidden(choices: Int, using rng: inout Xoshiro256) -> TraceAction {
    let targets: [Int]
    var arrangements: [[Int]]
    switch kind {
    case .swap:
      let (i, j) = distinctPair(using: &rng)
      targets = [i, j]
      arrangements = [[i, j], [j, i]]
      rng.shuffle(&arrangements)
    case .cycle3:
      targets = distinctTriple(using: &rng)
      let (x, y, z) = (targets[0], targets[1], targets[2])
      arrangements = [[x, y, z], [y, z, x], [z, x, y]]
      rng.shuffle(&arrangements)
      arrangements.removeLast(3 - choices)
    case .rotate:
      targets = allVariables
      var shifts = Array(0..<n)
      partialShuffle(&shifts, count: choices, using: &rng)
      arrangements = shifts[..<choices].map { rotation(by: $0) }
    case .tuple:
      targets = allVariables
      arrangements = []
      arrangements.reserveCapacity(choices)
      // Rejection keeps the draw uniform over ordered distinct tuples; choices ≤ min(order, 24)
      // so it ends quickly even for the smallest groups.
      while arrangements.count < choices {
        let element = groupElement(using: &rng)
        if !arrangements.contains(element) { arrangements.append(element) }
      }
    }
    let chosen = rng.uniform(below: arrangements.count)
    return TraceAction(targets: targets, arrangements: arrangements, chosen: chosen)
  }

  /// A uniform element of the whole group, as an arrangement of all variables.
  public func groupElement(using rng: inout Xoshiro256) -> [Int] {
    switch group.kind {
    case .cyclic:
      return rotation(by: rng.uniform(below: n))
    case .symmetric, .alternating:
      var sources = Array(0..<n)
      rng.shuffle(&sources)
      // Composing odd permutations with one fixed transposition is a bijection onto the even
      // ones, so this stays uniform over A_n.
      if group.kind == .alternating, Permutation.isOdd(sources) {
        sources.swapAt(0, 1)
      }
      return sources
    }
  }

  /// The arrangement where variable i receives the value of variable i − r (mod n).
  func rotation(by r: Int) -> [Int] {
    (0..<n).map { ($0 - r + n) % n }
  }

  private func distinctPair(using rng: inout Xoshiro256) -> (Int, Int) {
    let i = rng.uniform(below: n)
    var j = rng.uniform(below: n - 1)
    if j >= i { j += 1 }
    return (min(i, j), max(i, j))
  }

  private func distinctTriple(using rng: inout Xoshiro256) -> [Int] {
    // Partial Fisher–Yates over 0..<n, done lazily on three slots: the same draws as
    // shuffling a whole pool, without allocating it.
    var slots = [0, 1, 2]
    var swapped: [(Int, Int)] = []
    func value(at index: Int) -> Int {
      swapped.last(where: { $0.0 == index })?.1 ?? index
    }
    for i in 0..<3 {
      let j = i + rng.uniform(below: n - i)
      let vi = value(at: i), vj = value(at: j)
      swapped.append((i, vj))
      swapped.append((j, vi))
      slots[i] = vj
    }
    return slots.sorted()
  }

  private func partialShuffle(_ array: inout [Int], count: Int, using rng: inout Xoshiro256) {
    for i in 0..<count {
      let j = i + rng.uniform(below: array.count - i)
      array.swapAt(i, j)
    }
  }
}
