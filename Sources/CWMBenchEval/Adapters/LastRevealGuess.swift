import CWMBenchCore
import CWMBenchFormats

/// The `last-reveal` baseline's guess: each variable still holds what it last showed.
///
/// It uses only what any model could read from the text: the initial assignments and the
/// earlier reveals, taken from the task line's structure fields, never by reading the rendered
/// text back. What "nothing changed" means is the family's (`TaskFamily.lastRevealGuesses`).
enum LastRevealGuess {
  /// The guess for every query of the example, in one pass over its reveals; nil when the task
  /// line does not record its structure.
  static func answers(example: TaskExample) -> [String]? { example.family.lastRevealGuesses(for: example) }
}
