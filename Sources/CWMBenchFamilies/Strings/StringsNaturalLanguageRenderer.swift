import CWMBenchCore
import CWMBenchFormats

/// A `strings` trace told in English sentences, letters counted from 1.
///
/// `String a is kitten.` per variable; per edit one of `Change letter 4 of string a to x.`,
/// `Insert x as letter 4 of string a.`, `Delete letter 4 of string a.`, `Swap letters 2 and 5
/// of string a.`, `Reverse letters 2 to 4 of string a.`, `Replace every e in string a with o.`,
/// `Move letters 5 onward of string a to the end of string b.`; each reveal is
/// `Now string a reads: kitten`, the value being the query.
public struct StringsNaturalLanguageRenderer: StringsRenderer {
  /// Creates the renderer.
  public init() {}

  public func render(_ trace: StringsTrace, into text: inout [UInt8]) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    spans.reserveCapacity(trace.reveals.count)
    for (variable, word) in trace.initial.enumerated() {
      text.appendASCII("String ")
      text.append(VariableName.byte(variable))
      text.appendASCII(" is ")
      text.append(contentsOf: word)
      text.appendASCII(".\n")
    }
    trace.forEachStep { _, edit, reveal in
      append(edit, to: &text)
      guard let reveal else { return }
      text.appendASCII("Now string ")
      text.append(VariableName.byte(reveal.variable))
      text.appendASCII(" reads: ")
      let start = text.count
      text.append(contentsOf: reveal.value)
      spans.append(start..<text.count)
      text.append(0x0A)
    }
    return spans
  }

  private func append(_ edit: StringEdit, to text: inout [UInt8]) {
    let name = VariableName.byte(edit.variable)
    switch edit.kind {
    case .set:
      text.appendASCII("Change letter ")
      text.appendDecimal(edit.first + 1)
      appendOf(name, to: &text)
      text.appendASCII(" to ")
      text.append(edit.letter)
    case .insert:
      text.appendASCII("Insert ")
      text.append(edit.letter)
      text.appendASCII(" as letter ")
      text.appendDecimal(edit.first + 1)
      appendOf(name, to: &text)
    case .delete:
      text.appendASCII("Delete letter ")
      text.appendDecimal(edit.first + 1)
      appendOf(name, to: &text)
    case .swap:
      text.appendASCII("Swap letters ")
      text.appendDecimal(edit.first + 1)
      text.appendASCII(" and ")
      text.appendDecimal(edit.second + 1)
      appendOf(name, to: &text)
    case .reverse:
      text.appendASCII("Reverse letters ")
      text.appendDecimal(edit.first + 1)
      text.appendASCII(" to ")
      text.appendDecimal(edit.second)
      appendOf(name, to: &text)
    case .replace:
      text.appendASCII("Replace every ")
      text.append(edit.letter)
      text.appendASCII(" in string ")
      text.append(name)
      text.appendASCII(" with ")
      text.append(edit.replacement)
    case .move:
      text.appendASCII("Move letters ")
      text.appendDecimal(edit.first + 1)
      text.appendASCII(" onward")
      appendOf(name, to: &text)
      text.appendASCII(" to the end of string ")
      text.append(VariableName.byte(edit.target))
    }
    text.appendASCII(".\n")
  }

  private func appendOf(_ name: UInt8, to text: inout [UInt8]) {
    text.appendASCII(" of string ")
    text.append(name)
  }
}
