import CWMBenchCore
import CWMBenchFormats

/// Escaping for text placed in HTML and SVG.
enum Markup {
  /// Escapes `&`, `<`, `>`, `"` and `'` so `text` is inert in element content and attributes.
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }

  /// A coordinate rounded to 0.1 and written locale-free.
  static func coordinate(_ value: Double) -> String {
    formatNumber((value * 10).rounded() / 10)
  }

  /// `value` rounded to `places` decimals, written locale-free without trailing zeros: `0.6`, `-0.25`.
  static func decimal(_ value: Double, places: Int) -> String {
    var power = 1
    for _ in 0..<max(0, places) { power *= 10 }
    let scaled = Int((value * Double(power)).rounded())
    let sign = scaled < 0 ? "-" : ""
    let magnitude = abs(scaled)
    var fraction = String(magnitude % power)
    while fraction.count < places { fraction = "0" + fraction }
    while fraction.hasSuffix("0") { fraction.removeLast() }
    let whole = String(magnitude / power)
    return sign + (fraction.isEmpty ? whole : whole + "." + fraction)
  }
}
