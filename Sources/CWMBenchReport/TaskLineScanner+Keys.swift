import CWMBenchFormats

extension TaskLineScanner {
  /// Every family of a registry with its name's bytes, for matching a line's `family` in place.
  struct FamilyTable {
    let entries: [(word: [UInt8], family: any TaskFamily)]

    init(_ registry: FamilyRegistry) { entries = registry.families.map { (Array($0.name.utf8), $0) } }
  }

  /// The fields the scanner acts on; the raw value is the bit that marks one as seen.
  enum Key: UInt8 {
    case id, family, params, text, queries, start, end, answer, step, sinceReveal, candidates, probs, initial, variable
    case values, copy, sinceWord, other
  }

  /// The keys the scanner acts on, by length, spelled by the task line's own `Key` enums.
  ///
  /// The switches are exhaustive, so a key added to the format must be placed here too.
  static let keysByLength: [[(word: [UInt8], key: Key)]] = {
    var table = [[(word: [UInt8], key: Key)]](repeating: [], count: 16)
    func add(_ name: String, _ key: Key) {
      let word = Array(name.utf8)
      table[word.count].append((word, key))
    }
    for key in TaskExample.Key.allCases {
      switch key {
      case .family: add(key.rawValue, .family)
      case .id: add(key.rawValue, .id)
      case .initial: add(key.rawValue, .initial)  // the structure the no-tracking floor replays
      case .lineEvents, .program: continue  // not scored
      case .params: add(key.rawValue, .params)
      case .queries: add(key.rawValue, .queries)
      case .text: add(key.rawValue, .text)
      }
    }
    for key in TaskQuery.Key.allCases {
      switch key {
      case .answer: add(key.rawValue, .answer)
      case .candidates: add(key.rawValue, .candidates)
      case .copy: add(key.rawValue, .copy)  // for `accuracy_changed`
      case .end: add(key.rawValue, .end)
      case .probs: add(key.rawValue, .probs)
      case .sinceReveal: add(key.rawValue, .sinceReveal)
      case .start: add(key.rawValue, .start)
      case .step: add(key.rawValue, .step)
      case .values: add(key.rawValue, .values)
      case .variable: add(key.rawValue, .variable)
      case .sinceWord: add(key.rawValue, .sinceWord)  // the strings plots' x axis
      }
    }
    return table
  }()
}
