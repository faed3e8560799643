import CWMBenchCore
import CWMBenchFormats

/// The `last-reveal` baseline's guess: each variable still holds what it last showed.
///
/// It uses only what any model could read from the text: the initial assignments and the
/// earlier reveals, taken from the task line's structure fields (`initial`, and each query's
/// `variable` and `values`), never by reading the rendered text back.
enum LastRevealGuess {
  /// The guess for every query of the example, in one pass over its reveals; nil when the task
  /// line does not record its structure.
  static func answers(example: TaskExample) -> [String]? {
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
}
