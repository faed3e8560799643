/// Variable names: the first n lowercase letters.
public enum VariableName {
  /// The name of variable `index`: `a` for 0.
  @inlinable
  public static func of(_ index: Int) -> String { String(UnicodeScalar(UInt8(97 + index))) }

  /// The ASCII byte of variable `index`'s name.
  @inlinable
  public static func byte(_ index: Int) -> UInt8 { UInt8(97 + index) }

  /// The index of the variable called `name`, or nil when it is not one lowercase letter.
  public static func index(of name: String) -> Int? {
    guard name.utf8.count == 1, let byte = name.utf8.first, byte >= 97, byte < 97 + 26 else { return nil }
    return Int(byte) - 97
  }
}
