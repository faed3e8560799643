extension CaseIterable where Self: RawRepresentable, RawValue == String {
  /// The valid values for messages, from the enum itself: `'perm' or 'pfsa'`, `'a', 'b' or 'c'`.
  public static var valueListing: String {
    let quoted = allCases.map { "'\($0.rawValue)'" }
    guard quoted.count > 1 else { return quoted.first ?? "" }
    return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
  }
}
