import CWMBenchCore
import CWMBenchFormats
import Foundation

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
  ///
  /// Plots clamp values to their axes first; a non-finite coordinate that slips through is
  /// written `0` rather than `inf`, which no SVG reader accepts.
  static func coordinate(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    return formatNumber((value * 10).rounded() / 10)
  }

  /// `value` rounded to `places` decimals, written locale-free without trailing zeros: `0.6`, `-0.25`.
  ///
  /// Infinities are `∞` and `-∞`, NaN is `NaN` (see docs/numbers-and-secrets.md); a value too
  /// large to round through `Int` (an adapter's `-1e30` stand-in for minus infinity makes an NLL
  /// of 1e30) is written with four significant digits, `1e+30`.
  static func decimal(_ value: Double, places: Int) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-∞" : "∞" }
    var power = 1
    for _ in 0..<max(0, min(places, 15)) { power *= 10 }
    let product = value * Double(power)
    // 2^53: beyond it a double holds no fraction, and `Int(_:)` traps past 2^63.
    guard abs(product) < 9_007_199_254_740_992 else {
      // Mantissa and exponent by hand: Foundation's `%g` on Linux writes `1E+30`.
      var exponent = Int(log10(abs(value)).rounded(.down))
      var mantissa = ((value / pow(10, Double(exponent))) * 1000).rounded() / 1000
      if abs(mantissa) >= 10 {
        mantissa /= 10
        exponent += 1
      }
      return decimal(mantissa, places: 3) + "e+" + String(exponent)
    }
    let scaled = Int(product.rounded())
    let sign = scaled < 0 ? "-" : ""
    let magnitude = abs(scaled)
    var fraction = String(magnitude % power)
    while fraction.count < places { fraction = "0" + fraction }
    while fraction.hasSuffix("0") { fraction.removeLast() }
    let whole = String(magnitude / power)
    return sign + (fraction.isEmpty ? whole : whole + "." + fraction)
  }
}
