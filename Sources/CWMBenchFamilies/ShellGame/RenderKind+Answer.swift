import CWMBenchFormats

extension RenderKind {
  /// The text a reveal shows in this format: what lies between a query's `start` and `end`.
  ///
  /// `variable` is the revealed variable for `reveal: one` (nil when every variable is shown) and
  /// `values` the values shown, in variable order. The renderers write exactly these bytes, and
  /// candidates and baseline guesses are spelled with it, so there is one spelling per format.
  public func answer(variable: Int?, values: [Int]) -> String {
    switch self {
    case .repl:  // `c 4`, or `3 1 2` for every variable
      // Built as small strings, which Swift keeps inline: listing candidates allocates nothing.
      if let variable { return VariableName.of(variable) + " " + String(values[0]) }
      return values.map(String.init).joined(separator: " ")
    case .cwm:  // `4` of `{"c": "4"}`, or `3", "b": "1", "c": "2` for every variable (values as repr strings)
      if variable != nil { return String(values[0]) }
      return values.indices.map { (index: Int) -> String in
        (index == 0 ? "" : ", \"" + VariableName.of(index) + "\": \"") + String(values[index])
      }.joined()
    case .nl:  // `4`, or `3, 1, 2`
      return values.map(String.init).joined(separator: ", ")
    }
  }
}
