/// The project's own pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// Everything random in cwmbench draws from this type, never from the standard library's
/// generator or shuffle, so output is byte-identical across machines and Swift versions.
public struct Xoshiro256: RandomNumberGenerator, Sendable, Hashable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// Creates a generator whose whole stream is decided by `seed`.
  public init(seed: UInt64) {
    var mixer = SplitMix64(state: seed)
    s0 = mixer.next()
    s1 = mixer.next()
    s2 = mixer.next()
    s3 = mixer.next()
  }

  /// The next 64 random bits.
  @inlinable
  public mutating func next() -> UInt64 {
    let result = rotateLeft(s1 &* 5, by: 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotateLeft(s3, by: 45)
    return result
  }

  /// A uniform integer in `0..<bound` (Lemire's multiply-shift with rejection: no modulo bias).
  @inlinable
  public mutating func uniform(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let range = UInt64(bound)
    var product = next().multipliedFullWidth(by: range)
    if product.low < range {
      let threshold = (0 &- range) % range
      while product.low < threshold {
        product = next().multipliedFullWidth(by: range)
      }
    }
    return Int(product.high)
  }

  /// A uniform integer in `range`.
  @inlinable
  public mutating func uniform(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + uniform(below: range.upperBound - range.lowerBound + 1)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  @inlinable
  public mutating func unitInterval() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Shuffles `array` in place with Fisher–Yates, drawing from this generator.
  @inlinable
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      let j = uniform(below: i + 1)
      if i != j { array.swapAt(i, j) }
    }
  }

  @usableFromInline
  @inline(__always)
  func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64: expands one 64-bit seed into well-mixed words; also used to hash seed parts.
public struct SplitMix64: Sendable, Hashable {
  /// The running state.
  public var state: UInt64

  /// Creates a mixer at `state`.
  public init(state: UInt64) { self.state = state }

  /// The next mixed word.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// The SplitMix64 finaliser: a bijective avalanche of `z`.
  public static func mix(_ z: UInt64) -> UInt64 {
    var z = z
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// FNV-1a over the UTF-8 bytes of `text`, then mixed: a stable 64-bit hash for seed derivation.
///
/// `Hasher` is randomly seeded per process, so it can never be used where output must repeat.
public func stableHash(_ text: String) -> UInt64 {
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in text.utf8 {
    hash ^= UInt64(byte)
    hash &*= 0x0000_0100_0000_01B3
  }
  return SplitMix64.mix(hash)
}
