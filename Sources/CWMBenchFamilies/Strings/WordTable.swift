import CWMBenchCore
import CWMBenchFormats

/// The word list parsed for drawing and lookup: the words of each width, sorted, in one flat buffer.
///
/// Lookup is a binary search among the words of the value's own length (about a hundred), byte
/// by byte, so no hashing and no Set or Dictionary order is involved anywhere.
struct WordTable: Sendable {
  /// The shipped list (`WordList.text`), parsed once.
  static let shipped = WordTable(text: WordList.text)

  /// The widths the table covers.
  static let widths = StringsParameters.wordWidths

  /// `letters[w - 4]`: the words of width `w`, ascending, concatenated.
  private let letters: [[UInt8]]

  /// Parses words separated by spaces and newlines; each width's words are sorted bytewise.
  init(text: String) {
    var byWidth = [[[UInt8]]](repeating: [], count: Self.widths.count)
    for word in text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A }) {
      guard Self.widths.contains(word.count) else { continue }
      byWidth[word.count - Self.widths.lowerBound].append(Array(word))
    }
    letters = byWidth.map { words in
      words.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 }
    }
  }

  /// How many words of width `width` there are.
  func count(width: Int) -> Int { letters[width - Self.widths.lowerBound].count / width }

  /// Word `index` (in ascending order) of width `width`.
  func word(width: Int, index: Int) -> [UInt8] {
    let start = index * width
    return Array(letters[width - Self.widths.lowerBound][start..<start + width])
  }

  /// Every word of width `width`, ascending.
  func words(width: Int) -> [[UInt8]] { (0..<count(width: width)).map { word(width: width, index: $0) } }

  /// Whether `value` is exactly one of the words.
  ///
  /// - Complexity: O(log(words of that width) × width).
  func contains(_ value: [UInt8]) -> Bool {
    let width = value.count
    guard Self.widths.contains(width) else { return false }
    return letters[width - Self.widths.lowerBound].withUnsafeBufferPointer { flat in
      value.withUnsafeBufferPointer { probe in
        var low = 0
        var high = flat.count / width
        while low < high {
          let middle = (low + high) / 2
          var order = 0
          for offset in 0..<width where order == 0 {
            let (a, b) = (flat[middle * width + offset], probe[offset])
            if a != b { order = a < b ? -1 : 1 }
          }
          if order == 0 { return true }
          if order < 0 { low = middle + 1 } else { high = middle }
        }
        return false
      }
    }
  }
}
