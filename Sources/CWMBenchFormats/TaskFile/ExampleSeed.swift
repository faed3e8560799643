import CWMBenchCore

/// Derives each example's seed from (suite seed, split, cell, index) (docs/task-file.md).
///
/// Seeding per example, rather than drawing examples from one stream, is what makes output
/// independent of `--jobs` and of the other cells in the suite.
public enum ExampleSeed {
  /// The seed of example `index` of the cell with key `cellKey`.
  ///
  /// The lowest bit is the split, so train and test seeds are disjoint by construction,
  /// not merely unlikely to collide.
  public static func make(suiteSeed: UInt64, split: Split, cellKey: String, index: Int) -> UInt64 {
    var mixer = SplitMix64(state: suiteSeed ^ stableHash(cellKey))
    let base = mixer.next()
    let mixed = SplitMix64.mix(base &+ UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03)
    return (mixed & ~1) | (split == .train ? 1 : 0)
  }
}
