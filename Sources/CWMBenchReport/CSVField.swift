/// One text field of `summary.csv`: quoted per RFC 4180, and kept from running as a formula.
///
/// Both decisions are made on Unicode scalars, not `Character`s: Swift treats `"\r\n"` as one
/// character equal to neither `"\r"` nor `"\n"`, and a name holding it would go out unquoted
/// and split its row in two.
enum CSVField {
  /// First scalars that make a spreadsheet read a cell as a formula (OWASP's list).
  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// `text` as a field: a leading formula character gets a `'` before it and the field is quoted
  /// (OWASP's CSV-injection advice); a comma, quote or line break anywhere quotes the field.
  /// Only text goes through here: the numbers the writer formats itself (`-1.5`) are left as numbers.
  static func text(_ text: String) -> String {
    let scalars = text.unicodeScalars
    let formula = scalars.first.map { formulaStarts.contains($0) } ?? false
    guard formula || scalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    var field = String.UnicodeScalarView()
    field.append("\"")
    if formula { field.append("'") }
    for scalar in scalars {
      if scalar == "\"" { field.append("\"") }
      field.append(scalar)
    }
    field.append("\"")
    return String(field)
  }
}
