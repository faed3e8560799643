import CWMBenchCore
import CWMBenchFormats

/// Exact forward filtering over the joint state of a PFSA-SR trace.
///
/// A state says, for every variable, which initial variable's value it now holds, packed one
/// byte per variable into a `UInt64` (so n ≤ 8). The belief is kept sparse, as parallel
/// arrays in a deterministic order: the support is whatever the reveals leave possible, which
/// is usually far smaller than n!. Nothing here iterates a hashed container, so the
/// probabilities are bit-identical on every run.
struct BeliefFilter {
  let n: Int
  private(set) var keys: [UInt64]
  private(set) var probs: [Double]

  init(n: Int) {
    precondition(n <= 8, "the belief filter packs one byte per variable")
    self.n = n
    var identity: UInt64 = 0
    for i in 0..<n { identity |= UInt64(i) << (8 * UInt64(i)) }
    keys = [identity]
    probs = [1]
  }

  @inline(__always)
  static func origin(of variable: Int, in key: UInt64) -> Int {
    Int((key >> (8 * UInt64(variable))) & 0xFF)
  }

  @inline(__always)
  static func permute(_ key: UInt64, targets: [Int], sources: [Int]) -> UInt64 {
    var result = key
    for slot in targets.indices {
      let shift = 8 * UInt64(targets[slot])
      let moved = (key >> (8 * UInt64(sources[slot]))) & 0xFF
      result = (result & ~(0xFF << shift)) | (moved << shift)
    }
    return result
  }

  /// Moves the belief through an action; a hidden one spreads each state over its arrangements.
  mutating func apply(_ action: TraceAction) {
    if !action.isHidden {
      let sources = action.arrangements[0]
      for i in keys.indices { keys[i] = Self.permute(keys[i], targets: action.targets, sources: sources) }
      return
    }
    let weight = 1 / Double(action.arrangements.count)
    var spreadKeys: [UInt64] = []
    var spreadProbs: [Double] = []
    spreadKeys.reserveCapacity(keys.count * action.arrangements.count)
    spreadProbs.reserveCapacity(keys.count * action.arrangements.count)
    for (key, p) in zip(keys, probs) {
      for sources in action.arrangements {
        spreadKeys.append(Self.permute(key, targets: action.targets, sources: sources))
        spreadProbs.append(p * weight)
      }
    }
    merge(keys: spreadKeys, probs: spreadProbs)
  }

  /// Sums the mass of equal states, in an order fixed by (state, position).
  private mutating func merge(keys spreadKeys: [UInt64], probs spreadProbs: [Double]) {
    let order = spreadKeys.indices.sorted { a, b in
      spreadKeys[a] != spreadKeys[b] ? spreadKeys[a] < spreadKeys[b] : a < b
    }
    keys.removeAll(keepingCapacity: true)
    probs.removeAll(keepingCapacity: true)
    for index in order {
      if let last = keys.last, last == spreadKeys[index] {
        probs[probs.count - 1] += spreadProbs[index]
      } else {
        keys.append(spreadKeys[index])
        probs.append(spreadProbs[index])
      }
    }
  }

  /// The predictive distribution of which initial variable's value `variable` holds.
  func predict(variable: Int) -> [Double] {
    var result = [Double](repeating: 0, count: n)
    for (key, p) in zip(keys, probs) { result[Self.origin(of: variable, in: key)] += p }
    return result
  }

  /// Keeps the states in which `variable` holds the value of initial variable `origin`.
  mutating func condition(variable: Int, origin: Int) {
    filter { Self.origin(of: variable, in: $0) == origin }
  }

  /// The predictive distribution over whole states, indexed by `rank(key)`.
  func predictAll(count: Int, rank: (UInt64) -> Int) -> [Double] {
    var result = [Double](repeating: 0, count: count)
    for (key, p) in zip(keys, probs) { result[rank(key)] += p }
    return result
  }

  /// Keeps only `key`: a full reveal leaves no uncertainty.
  mutating func condition(state: UInt64) {
    filter { $0 == state }
  }

  private mutating func filter(_ keep: (UInt64) -> Bool) {
    var total = 0.0
    var keptKeys: [UInt64] = []
    var keptProbs: [Double] = []
    for (key, p) in zip(keys, probs) where keep(key) {
      keptKeys.append(key)
      keptProbs.append(p)
      total += p
    }
    precondition(total > 0, "a reveal contradicted the belief: the trace and filter disagree")
    keys = keptKeys
    probs = keptProbs.map { $0 / total }
  }

  /// The packed key of a state given as origins.
  static func key(of origins: [Int]) -> UInt64 {
    var key: UInt64 = 0
    for (variable, origin) in origins.enumerated() { key |= UInt64(origin) << (8 * UInt64(variable)) }
    return key
  }
}
