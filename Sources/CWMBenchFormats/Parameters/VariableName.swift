/// Variable names: the first n lowercase letters.
public enum VariableName {
  /// The name of variable `index`: `a` for 0.
  @inlinable
  public static func of(_ index: Int) -> String { String(UnicodeScalar(UInt8(97 + index))) }

  /// The ASCII byte of variable `index`'s name.
  @inlinable
  public static func byte(_ index: Int) -> UInt8 { UInt8(97 + index) }
}
