import CWMBenchCore
import CWMBenchFormats

/// The `start` parameter of the `strings` family: what each variable holds before the first edit.
///
/// `word` starts from a word of the list, which a BPE tokenizer keeps in one or two tokens;
/// `random` from a random lowercase string of the same width that is not a word, which it splits
/// into many. Crossing the two at equal edit counts separates the tokenization jump from the edits.
public enum StartKind: String, Sendable, Hashable, CaseIterable {
  /// A word of the list of `width` letters (the default).
  case word
  /// A random string of `width` lowercase letters that is not a word of the list.
  case random
}
