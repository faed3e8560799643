import CWMBenchCore
import CWMBenchFormats

/// The `last-reveal` baseline's guess: each variable still holds what it last showed.
///
/// It uses only what any model could read from the text: the initial assignments and the
/// earlier reveals, taken from the task line's structure fields (`initial`, and each query's
/// `variable` and `values`), never by reading the rendered text back. For `programs` the earlier
/// answers themselves are that text (every query span lies before the next one).
enum LastRevealGuess {
  /// The guess for every query of the example, in one pass over its reveals; nil when the task
  /// line does not record its structure.
  static func answers(example: TaskExample) -> [String]? {
    switch example.family {
    case .perm, .pfsa: return shellGame(example)
    case .strings: return strings(example)
    case .programs: return programs(example)
    }
  }

  private static func shellGame(_ example: TaskExample) -> [String]? {
    guard var known = example.initialValues else { return nil }
    let render = example.params.render
    var guesses: [String] = []
    guesses.reserveCapacity(example.queries.count)
    for query in example.queries {
      guard let values = query.values else { return nil }
      if let variable = query.variable {
        guesses.append(render.answer(variable: variable, values: [known[variable]]))
        known[variable] = values[0]
      } else {
        guesses.append(render.answer(variable: nil, values: known))
        known = values
      }
    }
    return guesses
  }

  /// Each variable still holds its initial word, or what its last print showed.
  private static func strings(_ example: TaskExample) -> [String]? {
    guard var known = example.initialStrings else { return nil }
    let render = example.params.render
    var guesses: [String] = []
    guesses.reserveCapacity(example.queries.count)
    for query in example.queries {
      guard let variable = query.variable, variable < known.count, let value = query.stringValues?.first else {
        return nil
      }
      guesses.append(render.stringAnswer(variable: variable, value: known[variable]))
      known[variable] = value
    }
    return guesses
  }

  /// Nothing changed since the last frame shown: a locals query repeats the names of the last
  /// locals shown, each written `".."` (CWM's "same as last shown"), and a return value repeats
  /// the last value shown (`"None"` before any).
  private static func programs(_ example: TaskExample) -> [String]? {
    var lastNames: [String] = []
    var lastValue = "\"None\""
    var guesses: [String] = []
    guesses.reserveCapacity(example.queries.count)
    for query in example.queries {
      if query.answer.hasPrefix("{") {
        guesses.append("{" + lastNames.map { "\"" + $0 + "\": \"..\"" }.joined(separator: ", ") + "}")
        lastNames = orderedKeys(ofObject: query.answer) ?? []
      } else {
        guesses.append(lastValue)
        lastValue = query.answer
      }
    }
    return guesses
  }

  /// The keys of a JSON object in the order written (a parsed object would lose the order).
  static func orderedKeys(ofObject text: String) -> [String]? {
    var text = text
    return text.withUTF8 { buffer -> [String]? in
      guard let base = buffer.baseAddress else { return nil }
      var cursor = JSONCursor(base: base, count: buffer.count)
      var keys: [String] = []
      cursor.skipWhitespace()
      guard cursor.i < cursor.end, cursor.p[cursor.i] == 0x7B else { return nil }
      cursor.i += 1
      while true {
        cursor.skipWhitespace()
        guard cursor.i < cursor.end else { return nil }
        if cursor.p[cursor.i] == 0x7D { return keys }
        if cursor.p[cursor.i] == 0x2C { cursor.i += 1 }
        cursor.skipWhitespace()
        guard let key = try? cursor.parseString() else { return nil }
        keys.append(key)
        cursor.skipWhitespace()
        guard cursor.i < cursor.end, cursor.p[cursor.i] == 0x3A else { return nil }
        cursor.i += 1
        cursor.skipWhitespace()
        guard (try? cursor.parseValue(depth: 0)) != nil else { return nil }
      }
    }
  }
}
