/// Text from outside the tool (an adapter's stderr) made safe to print on a terminal.
public enum TerminalText {
  /// `text` with every control character but tab written as `\u{1B}` (two hex digits at
  /// least): an escape sequence from an adapter could otherwise retitle the window, clear the
  /// screen or hide the lines around it. Decided on Unicode scalars, so `\r\n` is two escapes, not one character.
  ///
  /// - Complexity: O(text length).
  public static func escapingControlCharacters(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isEscaped) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      if isEscaped(scalar) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        result += "\\u{" + (hex.count < 2 ? "0" : "") + hex + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// C0 controls but tab, DEL, and the C1 controls (U+0080–U+009F, which include CSI).
  static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t") || (scalar.value >= 0x7F && scalar.value <= 0x9F)
  }
}
