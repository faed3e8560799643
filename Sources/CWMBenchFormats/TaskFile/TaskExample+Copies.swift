extension TaskExample {
  /// The family's `last-reveal` answers to every query (`TaskFamily.lastRevealGuesses`), or nil
  /// when the line does not record the structure they need in a shape that fits its `n`.
  ///
  /// The shape is checked first so that a hand-edited line (a `reveal: all` query with too few
  /// `values`, a variable past `n`) gives no guesses rather than reaching past an array's end.
  ///
  /// - Complexity: O(queries × n).
  public func shapedLastRevealGuesses() -> [String]? {
    let n = params.n
    let shaped =
      (initialValues.map { $0.count == n } ?? true) && (initialStrings.map { $0.count == n } ?? true)
      && queries.allSatisfy { query in
        guard let variable = query.variable else {
          return query.revealed == nil || query.values?.count ?? query.stringValues?.count == n
        }
        return variable >= 0 && variable < n && (query.revealed == nil || (query.values ?? [0]).count == 1)
          && (query.stringValues ?? [""]).count == 1
      }
    guard shaped, let guesses = family.lastRevealGuesses(for: self), guesses.count == queries.count else { return nil }
    return guesses
  }

  /// Per query, whether its answer is what `last-reveal` gives: nothing changed since that thing
  /// was last shown (docs/task-file.md, `copy`). Every query is a change (`false`) when the
  /// family has no `last-reveal` guess for the line: a query is called a copy only when a model
  /// that tracks nothing provably gets it right.
  ///
  /// - Complexity: O(queries × n).
  public func lastRevealCopies() -> [Bool] {
    guard let guesses = shapedLastRevealGuesses() else { return Array(repeating: false, count: queries.count) }
    return zip(guesses, queries).map { $0 == $1.answer }
  }

  /// Sets every query's `copy` from `lastRevealCopies()` (what `generate` writes).
  public mutating func recordCopies() {
    for (index, copy) in lastRevealCopies().enumerated() { queries[index].copy = copy }
  }
}
