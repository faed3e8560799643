import CWMBenchCore
import CWMBenchFormats

/// One kind of character-level edit of the `strings` family, each written as one Python statement.
public enum EditKind: String, Sendable, Hashable, CaseIterable, Comparable {
  /// Sets one character: `a = a[:3] + 'x' + a[4:]`.
  case set
  /// Inserts one character: `a = a[:3] + 'x' + a[3:]`.
  case insert
  /// Deletes one character: `a = a[:3] + a[4:]`.
  case delete
  /// Swaps the characters at two positions.
  case swap
  /// Reverses a slice: `a = a[:2] + a[2:5][::-1] + a[5:]`.
  case reverse
  /// Replaces every occurrence of one letter: `a = a.replace('e', 'o')`.
  case replace
  /// Moves text from the end of one variable to the end of another (needs two variables).
  case move

  /// Whether the edit reads two variables.
  public var needsTwoVariables: Bool { self == .move }

  public static func < (lhs: EditKind, rhs: EditKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
