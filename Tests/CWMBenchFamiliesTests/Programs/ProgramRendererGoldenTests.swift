import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// The Swift renderer against the golden files the Python reference wrote
/// (Programs/tests/fixtures/golden): the tracer's events in, the reference's text and spans out.
@Suite(.offCooperativePool) struct ProgramRendererGoldenTests {
  static let goldenFolder = ProgramsTestSupport.packageRoot + "/Programs/tests/fixtures/golden"

  static var goldenNames: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: goldenFolder)) ?? []).filter { $0.hasSuffix(".json") }
      .sorted()
  }

  @Test func thereAreGoldenFiles() {
    #expect(Self.goldenNames.count >= 10)
  }

  @Test(arguments: goldenNames)
  func rendersTheGoldenTextAndSpans(name: String) throws {
    let data = try #require(FileManager.default.contents(atPath: Self.goldenFolder + "/" + name))
    let json = try JSONParser.parse([UInt8](data))
    let trace = try ProgramTrace(json: json)
    let spacing: Spacing =
      json["spacing"]?.stringValue == "final" ? .final : .every(try #require(json["spacing"]?.intValue))
    var text: [UInt8] = []
    let lines = try #require(ProgramLines(rawValue: json["lines"]?.stringValue ?? "all"))
    let queries = ProgramRenderer(spacing: spacing, lines: lines).render(trace, into: &text)
    let expected = try #require(json["text"]?.stringValue)
    #expect(String(decoding: text, as: UTF8.self) == expected)
    guard case .array(let spans)? = json["spans"] else { throw GoldenFailure.noSpans }
    let expectedSpans = spans.map { span -> [Int] in
      guard case .array(let ends) = span else { return [] }
      return ends.compactMap(\.intValue)
    }
    #expect(queries.map { [$0.span.lowerBound, $0.span.upperBound] } == expectedSpans)
    // Steps count line events, so they never decrease.
    #expect(zip(queries, queries.dropFirst()).allSatisfy { $0.step <= $1.step })
  }

  @Test func escapesLikePythonJSONDumps() throws {
    // Ground truth from CPython's json.dumps over awkward strings (controls, quotes, DEL,
    // non-ASCII in all UTF-8 lengths).
    let samples = ["plain", "q\"b\\s", "\n\r\t\u{8}\u{C}\u{1}\u{1F}", "\u{7F}", "é", "€", "😀", ""]
    let expected = try Python.lines(
      "import json, sys\nfor s in json.load(sys.stdin): print(json.dumps(s))",
      input: Array(JSONWriter.encode(.array(samples.map { .string($0) })).utf8))
    for (sample, line) in zip(samples, expected) {
      var text: [UInt8] = []
      PythonJSON.appendString(Array(sample.utf8), to: &text)
      #expect(String(decoding: text, as: UTF8.self) == line, "\(sample.debugDescription)")
    }
    #expect(expected.count == samples.count)
  }

  enum GoldenFailure: Error { case noSpans }
}
