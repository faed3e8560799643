import CWMBenchFormats

extension RenderKind {
  /// The text a `strings` reveal of `value` (held by `variable`) shows in this format: what lies
  /// between the query's `start` and `end`.
  ///
  /// `repl` and `nl` show the raw string; `cwm` the value of the `print` frame's locals
  /// `{"a": "'kitten'"}`, `'kitten'` (`json.dumps({name: repr(value)})`: values are lowercase
  /// letters, so neither the repr nor the JSON needs an escape; the name is written before the
  /// span). The renderers write exactly these bytes.
  public func stringAnswer(variable: Int, value: String) -> String {
    switch self {
    case .repl, .nl: return value
    case .cwm: return "'" + value + "'"
    }
  }
}
