import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats

/// The result line's fast scanner reads numbers by JSON's grammar, as the resume's parser does:
/// what one path refuses the other refuses too.
@Suite(.offCooperativePool) struct ResultNumberGrammarTests {
  /// A result line with `number` in each numeric field the scanner reads.
  static func lines(with number: String) -> [String] {
    [
      #"{"error":null,"id":"x","mode":"score","model":"m","queries":[{"correct":true,"logprob":\#(number)}]}"#,
      #"{"error":null,"id":"x","mode":"choice","model":"m","queries":[{"correct":true,"logprob":-1,"probs":[0.5,\#(number)]}]}"#,
      #"{"error":null,"id":"x","mode":"score","model":"m","queries":[{"correct":true,"logprob":-1,"tokens":\#(number)}]}"#,
      #"{"error":null,"id":"x","mode":"score","model":"m","queries":[{"correct":true,"logprob":-1,"latency_ms":\#(number)}]}"#,
    ]
  }

  static func read(_ line: String) -> ResultRecord? {
    Array(line.utf8).withUnsafeBytes { try? ResultRecord.read($0) }
  }

  /// Spellings `strtod` reads and JSON does not.
  @Test(arguments: ["-.5", ".5", "+1", "1.", "-01", "00", "1.e3", "-", "1e", "1e+", "--1", "Infinity", "0x10"])
  func nonJSONNumbersAreRefused(number: String) {
    for line in Self.lines(with: number) {
      #expect((try? JSONParser.parse(line)) == nil, "\(line)")
      #expect(Self.read(line) == nil, "the scanner read \(line)")
    }
  }

  /// JSON numbers read the same through the scanner and the parser, −∞'s spelling included.
  @Test(arguments: ["0", "-0", "3", "-0.5", "2.5e-3", "1E+1", "-1e999", "12345678901234567890"])
  func jsonNumbersAreReadAsTheParserReadsThem(number: String) throws {
    let line = Self.lines(with: number)[0]
    let expected = try ResultRecord(json: JSONParser.parse(line))
    #expect(Self.read(line) == expected)
    let scanned = try Array(line.utf8).withUnsafeBytes { try ResultLineScanner.scan($0) }
    #expect(scanned == expected)
  }
}
