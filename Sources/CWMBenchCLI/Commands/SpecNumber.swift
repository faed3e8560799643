import CWMBenchCore

/// A number for a suite spec, kept as the JSON integer or float the word reads as.
///
/// `--hidden 1` stays the integer `1` and `--hidden 0.5` the float `0.5`, exactly as the same
/// numbers in a spec file, so an inline grid's manifest records what a spec file would. The
/// spec, not the parser, checks the range, and its error names the flag.
struct SpecNumber: ArgumentValue, Hashable {
  /// The number as the spec receives it.
  let json: JSONValue

  init?(argument: String) {
    if let integer = Int(argument) {
      json = .int(integer)
    } else if let number = Double(argument), number.isFinite {
      json = .double(number)
    } else {
      return nil
    }
  }

  var argumentDescription: String { json.doubleValue.map(formatNumber) ?? "" }

  static var expectation: String? { "expected a number" }
}
