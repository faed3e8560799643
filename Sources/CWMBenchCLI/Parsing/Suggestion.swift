/// "Did you mean" for misspelt options, subcommands and values: the closest declared spelling,
/// by edit distance, when it is close enough to be a typo rather than a different word.
public enum Suggestion {
  /// The candidate nearest to `word`, or nil when none is near.
  ///
  /// Words shorter than three letters (`-v`, `x`) get none: too many words are near them.
  /// Near means at most a third of the word's length in edits (at least one, at most three),
  /// where swapping two neighbouring letters is one edit (`--lenght` → `--length`). Case and
  /// leading dashes are ignored; ties go to the earlier candidate, in declaration order.
  public static func closest(to word: String, in candidates: [String]) -> String? {
    let typed = normalized(word)
    guard typed.count >= 3 else { return nil }
    let allowed = min(3, max(1, typed.count / 3))
    var best: (candidate: String, distance: Int)?
    for candidate in candidates where candidate != word {
      let distance = editDistance(typed, normalized(candidate))
      if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return best?.candidate
  }

  /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
  /// neighbouring characters, each one edit.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = [Int](repeating: 0, count: b.count + 1)
    var current = Array(0...b.count)
    var row = current
    for i in 1...a.count {
      (previous, row) = (row, current)
      current = [Int](repeating: 0, count: b.count + 1)
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous[j - 2] + 1)
        }
      }
    }
    return current[b.count]
  }

  /// The word as compared: lowercased, without leading dashes.
  static func normalized(_ word: String) -> String {
    String(word.drop { $0 == "-" }).lowercased()
  }

  /// ` Did you mean '…'?` for parse errors, or nothing.
  static func sentence(_ suggestion: String?) -> String {
    suggestion.map { ". Did you mean '\($0)'?" } ?? ""
  }
}
