import CWMBenchCore
import CWMBenchFormats

/// One edit of a `strings` trace: its kind, the variable it changes and where, as one Python statement.
///
/// The fields mean, by kind (positions are 0-based, as in the Python slices that write them):
/// - `set`: `first` is the position, `letter` the new letter: `a = a[:3] + 'x' + a[4:]`;
/// - `insert`: `first` is the position the new `letter` takes: `a = a[:3] + 'x' + a[3:]`;
/// - `delete`: `first` is the position removed: `a = a[:3] + a[4:]`;
/// - `swap`: positions `first` < `second` trade letters: `a = a[:1] + a[4] + a[2:4] + a[1] + a[5:]`;
/// - `reverse`: the slice `first..<second` is reversed: `a = a[:1] + a[1:4][::-1] + a[4:]`;
/// - `replace`: every `letter` becomes `replacement`: `a = a.replace('e', 'o')`;
/// - `move`: `variable` keeps `[..<first]` and `target` gets the rest appended: `a, b = a[:4], b + a[4:]`.
public struct StringEdit: Sendable, Hashable {
  /// The kind of edit.
  public var kind: EditKind
  /// The variable edited; for `move`, the one text is taken from.
  public var variable: Int
  /// The variable a `move` appends to; equal to `variable` for every other kind.
  public var target: Int
  /// The position (`set`, `insert`, `delete`), the first position (`swap`), the slice's start
  /// (`reverse`) or the cut (`move`); 0 for `replace`.
  public var first: Int
  /// The second position (`swap`) or the slice's end (`reverse`); 0 otherwise.
  public var second: Int
  /// The new letter (`set`, `insert`) or the letter replaced (`replace`); 0 otherwise.
  public var letter: UInt8
  /// The replacing letter (`replace`); 0 otherwise.
  public var replacement: UInt8

  /// Creates an edit; unused fields default to 0 (and `target` to `variable`).
  public init(
    kind: EditKind, variable: Int, target: Int? = nil, first: Int = 0, second: Int = 0, letter: UInt8 = 0,
    replacement: UInt8 = 0
  ) {
    self.kind = kind
    self.variable = variable
    self.target = target ?? variable
    self.first = first
    self.second = second
    self.letter = letter
    self.replacement = replacement
  }

  /// The characters the edit changes in `values` (before it runs): the `since_word` increment.
  ///
  /// An edit that keeps the length changes the positions whose letter differs afterwards
  /// (`set` 1, `swap` 2, `reverse` those that differ from their mirror, `replace` the
  /// occurrences); one that changes the length changes the letters inserted, deleted or moved
  /// (`insert` and `delete` 1, `move` the moved suffix, for both variables).
  public func changedCharacters(in values: [[UInt8]]) -> Int {
    let value = values[variable]
    switch kind {
    case .set, .insert, .delete: return 1
    case .swap: return 2
    case .reverse:
      var differing = 0
      for offset in 0..<(second - first) where value[first + offset] != value[second - 1 - offset] {
        differing += 1
      }
      return differing
    case .replace:
      var occurrences = 0
      for byte in value where byte == letter { occurrences += 1 }
      return occurrences
    case .move: return value.count - first
    }
  }

  /// Runs the edit on `values` (the string each variable holds), as the Python statement does.
  public func apply(to values: inout [[UInt8]]) {
    switch kind {
    case .set: values[variable][first] = letter
    case .insert: values[variable].insert(letter, at: first)
    case .delete: values[variable].remove(at: first)
    case .swap: values[variable].swapAt(first, second)
    case .reverse: values[variable][first..<second].reverse()
    case .replace:
      values[variable].withUnsafeMutableBufferPointer { bytes in
        for index in bytes.indices where bytes[index] == letter { bytes[index] = replacement }
      }
    case .move:
      let moved = values[variable][first...]
      values[target].append(contentsOf: moved)
      values[variable].removeSubrange(first...)
    }
  }
}
