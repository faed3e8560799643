extension StepThrough {
  /// The text line of every action of a trace that writes each action as one line, the actions
  /// since the previous reveal on the lines right before the reveal's statement and those after
  /// the last reveal right after its answer: the shape of every shell-game and `strings` rendering.
  ///
  /// `statementOffset` is how many lines the reveal's statement comes before the line holding its
  /// answer (1 in a REPL, where `print(…)` is followed by its output; 0 where the answer is on the
  /// statement's own line). No line found may hold an answer, and `isAction` checks each against the
  /// family's rendering; the result is empty when one fails or falls outside the text, so a line
  /// is never guessed.
  ///
  /// - Complexity: O(text length + length).
  public static func actionLines(
    text: String, queries: [TaskQuery], length: Int, statementOffset: Int,
    isAction: (Substring) -> Bool
  ) -> [Int] {
    guard length > 0 else { return [] }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let answerLines = lineIndices(of: queries.map(\.start), in: text)
    var result: [Int] = []
    result.reserveCapacity(length)
    var previousStep = 0
    for (query, answerLine) in zip(queries, answerLines) {
      let count = query.step - previousStep
      guard count >= 0 else { return [] }
      let statement = answerLine - statementOffset
      result += (statement - count..<statement)
      previousStep = query.step
    }
    let after = (answerLines.last ?? -1) + 1
    guard previousStep <= length else { return [] }
    result += (after..<after + length - previousStep)
    let answers = Set(answerLines)
    guard result.count == length,
      result.allSatisfy({ $0 >= 0 && $0 < lines.count && !answers.contains($0) && isAction(lines[$0]) })
    else { return [] }
    return result
  }

  /// The 0-based line of each byte offset (offsets in ascending order), counting newlines before it.
  ///
  /// - Complexity: O(text length).
  public static func lineIndices(of offsets: [Int], in text: String) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(offsets.count)
    var line = 0
    var position = 0
    var iterator = text.utf8.makeIterator()
    for offset in offsets {
      while position < offset, let byte = iterator.next() {
        if byte == 0x0A { line += 1 }
        position += 1
      }
      result.append(line)
    }
    return result
  }
}
