import CWMBenchCore
import CWMBenchFormats

/// One Python statement of a `strings` trace, written from the trace's values for every format
/// that shows code (`repl` after `>>> `, `cwm` in its context and frames).
///
/// Every edit keeps one template per kind (see `StringEdit`), empty slices included (`a[:0]`,
/// `a[3:3]`), so a statement's shape says its kind and only the numbers and letters vary.
enum StringsStatement {
  /// `a = 'kitten'`, one initial assignment.
  case assignment(variable: Int, word: [UInt8])
  /// One edit.
  case edit(StringEdit)
  /// `print(a)`.
  case print(variable: Int)

  /// Calls `body` with the trace's statements in execution order, and with each `print`'s reveal.
  ///
  /// - Complexity: O(statements).
  @inline(__always)
  static func forEach(in trace: StringsTrace, _ body: (StringsStatement, StringsTrace.Reveal?) -> Void) {
    for (variable, word) in trace.initial.enumerated() { body(.assignment(variable: variable, word: word), nil) }
    trace.forEachStep { _, edit, reveal in
      body(.edit(edit), nil)
      if let reveal { body(.print(variable: reveal.variable), reveal) }
    }
  }

  /// Appends `prefix`, the statement and a newline.
  func append(prefix: StaticString, to text: inout [UInt8]) {
    text.appendASCII(prefix)
    switch self {
    case .assignment(let variable, let word):
      text.append(VariableName.byte(variable))
      text.appendASCII(" = '")
      text.append(contentsOf: word)
      text.append(0x27)
    case .edit(let edit): Self.append(edit, to: &text)
    case .print(let variable):
      text.appendASCII("print(")
      text.append(VariableName.byte(variable))
      text.append(0x29)
    }
    text.append(0x0A)
  }

  private static func append(_ edit: StringEdit, to text: inout [UInt8]) {
    let name = VariableName.byte(edit.variable)
    if edit.kind == .move {  // a, b = a[:4], b + a[4:]
      let target = VariableName.byte(edit.target)
      text.append(name)
      text.appendASCII(", ")
      text.append(target)
      text.appendASCII(" = ")
      appendSlice(name, nil, edit.first, to: &text)
      text.appendASCII(", ")
      text.append(target)
      text.appendASCII(" + ")
      appendSlice(name, edit.first, nil, to: &text)
      return
    }
    text.append(name)
    text.appendASCII(" = ")
    switch edit.kind {
    case .set, .insert:  // a[:3] + 'x' + a[4:], a[:3] + 'x' + a[3:]
      appendSlice(name, nil, edit.first, to: &text)
      text.appendASCII(" + '")
      text.append(edit.letter)
      text.appendASCII("' + ")
      appendSlice(name, edit.kind == .set ? edit.first + 1 : edit.first, nil, to: &text)
    case .delete:  // a[:3] + a[4:]
      appendSlice(name, nil, edit.first, to: &text)
      text.appendASCII(" + ")
      appendSlice(name, edit.first + 1, nil, to: &text)
    case .swap:  // a[:1] + a[4] + a[2:4] + a[1] + a[5:]
      appendSlice(name, nil, edit.first, to: &text)
      text.appendASCII(" + ")
      appendIndex(name, edit.second, to: &text)
      text.appendASCII(" + ")
      appendSlice(name, edit.first + 1, edit.second, to: &text)
      text.appendASCII(" + ")
      appendIndex(name, edit.first, to: &text)
      text.appendASCII(" + ")
      appendSlice(name, edit.second + 1, nil, to: &text)
    case .reverse:  // a[:1] + a[1:4][::-1] + a[4:]
      appendSlice(name, nil, edit.first, to: &text)
      text.appendASCII(" + ")
      appendSlice(name, edit.first, edit.second, to: &text)
      text.appendASCII("[::-1] + ")
      appendSlice(name, edit.second, nil, to: &text)
    case .replace:  // a.replace('e', 'o')
      text.append(name)
      text.appendASCII(".replace('")
      text.append(edit.letter)
      text.appendASCII("', '")
      text.append(edit.replacement)
      text.appendASCII("')")
    case .move: break
    }
  }

  /// `a[3:5]`, `a[:3]` or `a[3:]`.
  private static func appendSlice(_ name: UInt8, _ start: Int?, _ end: Int?, to text: inout [UInt8]) {
    text.append(name)
    text.append(0x5B)
    if let start { text.appendDecimal(start) }
    text.append(0x3A)
    if let end { text.appendDecimal(end) }
    text.append(0x5D)
  }

  /// `a[3]`.
  private static func appendIndex(_ name: UInt8, _ index: Int, to text: inout [UInt8]) {
    text.append(name)
    text.append(0x5B)
    text.appendDecimal(index)
    text.append(0x5D)
  }
}
