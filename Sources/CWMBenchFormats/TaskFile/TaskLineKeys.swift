extension TaskExample {
  /// The keys of a task line, spelled once for its writer, its decoder and its fast scanner.
  public enum Key: String, Sendable, CaseIterable {
    case family, id, initial
    case lineEvents = "line_events"
    case params, program, queries, text
  }
}

extension TaskQuery {
  /// The keys of a query object in a task line.
  public enum Key: String, Sendable, CaseIterable {
    case answer, candidates, copy, end, probs
    case sinceReveal = "since_reveal"
    case sinceWord = "since_word"
    case start, step, values, variable
  }
}
