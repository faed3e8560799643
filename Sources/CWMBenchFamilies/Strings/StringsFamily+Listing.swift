import CWMBenchCore
import CWMBenchFormats

extension StringsFamily {
  /// The edit kinds, from `EditKind`.
  public var listSections: [ListSection] {
    let entries: [(name: String, text: String)] = EditKind.allCases.map { kind in
      let summary: String
      switch kind {
      case .set: summary = "set one character: a = a[:3] + 'x' + a[4:]"
      case .insert: summary = "insert one character: a = a[:3] + 'x' + a[3:]"
      case .delete: summary = "delete one character: a = a[:3] + a[4:]"
      case .swap: summary = "swap the characters at two positions"
      case .reverse: summary = "reverse a slice: a = a[:1] + a[1:4][::-1] + a[4:]"
      case .replace: summary = "replace every occurrence of one letter: a = a.replace('e', 'o')"
      case .move: summary = "move the tail of one variable to the end of another (two variables or more)"
      }
      return (kind.rawValue, summary)
    }
    let mixed = (
      name: EditSelection.mixedName,
      text: "every kind that applies, uniformly (default); join kinds with '+', e.g. set+swap"
    )
    return [ListSection(title: "EDIT KINDS (strings)", entries: entries + [mixed])]
  }
}
