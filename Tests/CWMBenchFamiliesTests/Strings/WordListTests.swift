import CWMBenchTestSupport
import Testing

@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// The shipped word list: what the family promises about it, read straight from the literal.
@Suite(.offCooperativePool) struct WordListTests {
  /// The literal's words, split here rather than by `WordTable`.
  static let written: [String] = WordList.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

  @Test func everyWordIsLowercaseASCIIOfAListedWidthAndUnique() {
    #expect(!Self.written.isEmpty)
    for word in Self.written {
      #expect(word.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }, "'\(word)'")
      #expect(StringsParameters.wordWidths.contains(word.utf8.count), "'\(word)'")
    }
    var seen = Set<String>()
    for word in Self.written { #expect(seen.insert(word).inserted, "'\(word)' is listed twice") }
  }

  @Test(arguments: StringsParameters.wordWidths)
  func everyWidthHasAtLeastFortyWords(width: Int) {
    let listed = Self.written.filter { $0.utf8.count == width }
    #expect(listed.count >= 40, "width \(width): \(listed.count) words")
    #expect(WordTable.shipped.count(width: width) == listed.count)
    // The table's order is bytewise ascending, whatever order the literal lists them in.
    let table = WordTable.shipped.words(width: width).map { String(decoding: $0, as: UTF8.self) }
    #expect(table == listed.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
  }

  @Test func lookupFindsEveryWordAndNoNearMiss() {
    let listed = Set(Self.written)
    var probes = 0
    for word in Self.written {
      #expect(WordTable.shipped.contains(Array(word.utf8)), "'\(word)'")
      // Every one-letter change, deletion and insertion of a word: a member exactly when listed.
      let bytes = Array(word.utf8)
      for position in bytes.indices {
        var changed = bytes
        changed[position] = changed[position] == 0x7A ? 0x61 : changed[position] + 1
        var shorter = bytes
        shorter.remove(at: position)
        var longer = bytes
        longer.insert(0x65, at: position)
        for probe in [changed, shorter, longer] {
          let text = String(decoding: probe, as: UTF8.self)
          #expect(WordTable.shipped.contains(probe) == listed.contains(text), "'\(text)'")
          probes += 1
        }
      }
    }
    #expect(probes > 3 * Self.written.count * 4)
    #expect(!WordTable.shipped.contains([]) && !WordTable.shipped.contains(Array("abc".utf8)))
  }
}
