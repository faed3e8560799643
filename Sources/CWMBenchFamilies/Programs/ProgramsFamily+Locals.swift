import CWMBenchCore
import CWMBenchFormats

extension ProgramsFamily {
  /// The locals of the frame that holds each query, for the report's step-through: one list per
  /// query, the same list for the queries of one frame.
  ///
  /// Read from the family's own rendering (`CWMFrame`): a query is one value of a frame's locals
  /// object, its name the JSON key before it; a query on an `<|arg_sep|>` line is the value a
  /// return (`return`) or exception (`raise`) frame shows, names no local can have. `..` is CWM's
  /// "same as last shown": the value is resolved to the last one written for the name in the same
  /// call (`<|call_sep|>` starts a call, `<|return_sep|>` ends it), and `changed` is whether the
  /// frame writes something new for the name in that call (docs/decisions.md, "Step-through data").
  ///
  /// - Complexity: O(text length + queries).
  static func frameLocals(of example: TaskExample) -> [[StepLocal]] {
    let queries = example.queries
    var result = Array(repeating: [StepLocal](), count: queries.count)
    guard !queries.isEmpty else { return result }
    let text = example.text
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let queryLines = StepThrough.lineIndices(of: queries.map(\.start), in: text)
    var calls: [[String: String]] = [[:]]
    var next = 0
    for (index, line) in lines.enumerated() {
      guard next < queries.count else { break }
      if line.contains("<|call_sep|>") { calls.append([:]) }
      var group: [Int] = []
      while next < queries.count, queryLines[next] <= index {
        if queryLines[next] == index { group.append(next) }
        next += 1
      }
      if !group.isEmpty {
        var locals: [StepLocal] = []
        if line.hasPrefix("<|arg_sep|>") {
          let raises = index > 0 && lines[index - 1].contains("<|exception_sep|>")
          locals = group.map { StepLocal(name: raises ? "raise" : "return", value: queries[$0].answer, changed: true) }
        } else {
          for query in group.map({ queries[$0] }) {
            let name = localName(before: query.start, in: text) ?? "?"
            let last = calls[calls.count - 1][name]
            if query.answer == ".." {
              locals.append(StepLocal(name: name, value: last ?? "..", changed: false))
            } else {
              locals.append(StepLocal(name: name, value: query.answer, changed: last != query.answer))
              calls[calls.count - 1][name] = query.answer
            }
          }
        }
        for query in group { result[query] = locals }
      }
      if line.contains("<|return_sep|>"), calls.count > 1 { calls.removeLast() }
    }
    return result
  }

  /// The JSON key written before the value that starts at `offset` (`{"name": "` or `, "name": "`);
  /// nil when the text there is not a locals entry.
  static func localName(before offset: Int, in text: String) -> String? {
    let utf8 = text.utf8
    guard offset >= 5, offset <= utf8.count else { return nil }
    // Names are identifiers, far shorter than this window.
    let window =
      utf8.index(utf8.startIndex, offsetBy: max(0, offset - 200))..<utf8.index(utf8.startIndex, offsetBy: offset)
    let bytes = Array(utf8[window])
    // `"name": "` : the value's opening quote, `: `, the key's closing quote, the key.
    let quote = UInt8(ascii: "\"")
    guard bytes.count >= 5, bytes[bytes.count - 1] == quote, bytes[bytes.count - 2] == UInt8(ascii: " "),
      bytes[bytes.count - 3] == UInt8(ascii: ":"), bytes[bytes.count - 4] == quote
    else { return nil }
    var start = bytes.count - 5
    while start >= 0, bytes[start] != quote { start -= 1 }
    guard start >= 0, start < bytes.count - 5 else { return nil }
    return String(decoding: bytes[(start + 1)..<(bytes.count - 4)], as: UTF8.self)
  }
}
