/// `a`, `a or b`, `a, b or c`: a list of alternatives as a sentence says it.
public func listInWords(_ items: [String]) -> String {
  guard let last = items.last else { return "" }
  return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
  /// The valid values for messages, from the enum itself: `'perm' or 'pfsa'`, `'a', 'b' or 'c'`.
  public static var valueListing: String { listInWords(allCases.map { "'\($0.rawValue)'" }) }
}
