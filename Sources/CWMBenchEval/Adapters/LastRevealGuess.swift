import CWMBenchCore
import CWMBenchFormats

/// The `last-reveal` baseline's guess: each variable still holds what it last showed.
///
/// It reads only what any model could read from the text: the initial assignments and the
/// earlier reveals. Each renderer writes those differently, so the reading is per format.
enum LastRevealGuess {
  /// The guess for every query of the example, in one pass over its reveals.
  static func answers(example: TaskExample) -> [String] {
    let params = example.params
    let bytes = Array(example.text.utf8)
    var known = initialValues(bytes, render: params.render, n: params.n)
    var guesses: [String] = []
    guesses.reserveCapacity(example.queries.count)
    for query in example.queries {
      let variable = params.reveal == .one ? revealedVariable(bytes, query: query, render: params.render) : nil
      guesses.append(params.render.answer(variable: variable, values: variable.map { [known[$0]] } ?? known))
      // Learn from the reveal: its numbers are the state at that point.
      let numbers = numbersIn(query.answer)
      if let variable, let value = numbers.last {
        known[variable] = value
      } else if variable == nil, numbers.count == params.n {
        known = numbers
      }
    }
    return guesses
  }

  /// The initial values as written in the text's opening assignments.
  static func initialValues(_ bytes: [UInt8], render: RenderKind, n: Int) -> [Int] {
    var values = [Int](repeating: 0, count: n)
    let text = String(decoding: bytes.prefix(4096 + 64 * n), as: UTF8.self)
    for line in text.split(separator: "\n").prefix(200) {
      let words = line.split(separator: " ")
      let pattern: (name: Substring, value: Substring)?
      switch render {
      case .repl:  // >>> a = 7
        pattern = words.count == 4 && words[0] == ">>>" && words[2] == "=" ? (words[1], words[3]) : nil
      case .cwm:  // "    a = 7" inside the source context
        pattern = words.count == 3 && words[1] == "=" ? (words[0].suffix(1), words[2]) : nil
      case .nl:  // Cup a holds 7.
        pattern = words.count == 4 && words[0] == "Cup" && words[2] == "holds" ? (words[1], words[3].dropLast()) : nil
      }
      guard let (name, value) = pattern, name.count == 1, let letter = name.utf8.first,
        letter >= 97, Int(letter) - 97 < n, let number = Int(value)
      else { continue }
      values[Int(letter) - 97] = number
    }
    return values
  }

  /// The variable a `reveal: one` query shows, read from its answer or the words before it.
  static func revealedVariable(_ bytes: [UInt8], query: TaskQuery, render: RenderKind) -> Int {
    switch render {
    case .repl: return Int(query.answer.utf8.first! &- 97)  // "c 4"
    case .cwm: return Int(Array(query.answer.utf8)[2] &- 97)  // {"c": "4"}
    case .nl:  // "Cup c now holds 4"
      let prefix = bytes[max(0, query.start - 16)..<query.start]
      let words = String(decoding: prefix, as: UTF8.self).split(separator: " ")
      return Int((words.dropLast(2).last?.utf8.first ?? 97) &- 97)
    }
  }

  static func numbersIn(_ text: String) -> [Int] {
    var numbers: [Int] = []
    var current: Int?
    for byte in text.utf8 {
      if byte >= 48 && byte <= 57 {
        current = (current ?? 0) * 10 + Int(byte - 48)
      } else if let value = current {
        numbers.append(value)
        current = nil
      }
    }
    if let current { numbers.append(current) }
    return numbers
  }
}
