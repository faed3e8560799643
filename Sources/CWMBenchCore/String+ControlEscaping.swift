extension String {
  /// The text with every control character written as an escape (`\r`, `\n`, `\t`, else
  /// `\u{1b}`), for a terminal or a one-line table cell.
  ///
  /// Decided on Unicode scalars: `"\r\n"` is one `Character`, equal to neither `"\r"` nor `"\n"`.
  /// Escaped: C0 and C1 controls and DEL (an ESC would drive the terminal, a CR overwrite the
  /// line), and the line and paragraph separators U+2028 and U+2029.
  public var escapingControlCharacters: String {
    guard unicodeScalars.contains(where: \.needsEscapeOnOneLine) else { return self }
    var result = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      guard scalar.needsEscapeOnOneLine else {
        result.append(scalar)
        continue
      }
      let escape: String
      switch scalar {
      case "\n": escape = "\\n"
      case "\r": escape = "\\r"
      case "\t": escape = "\\t"
      default: escape = "\\u{" + String(scalar.value, radix: 16) + "}"
      }
      result.append(contentsOf: escape.unicodeScalars)
    }
    return String(result)
  }
}

extension Unicode.Scalar {
  /// Whether the scalar breaks a line or drives a terminal: a control character or a line or paragraph separator.
  fileprivate var needsEscapeOnOneLine: Bool {
    properties.generalCategory == .control || value == 0x2028 || value == 0x2029
  }
}
