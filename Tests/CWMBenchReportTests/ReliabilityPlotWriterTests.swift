import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchReport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `reliability.svg`: one panel per model, a filled point per non-empty bin at (mean confidence,
/// mean posterior) and a hollow one at (mean confidence, observed accuracy).
@Suite struct ReliabilityPlotWriterTests {
  static func data() -> ReportData {
    var first = ReliabilityBins()
    for point in [
      CalibrationPoint(confidence: 0.5, posterior: 0.25, hit: false),
      CalibrationPoint(confidence: 0.95, posterior: 0.9, hit: true),
      CalibrationPoint(confidence: 0.97, posterior: 0.92, hit: false),
    ] { first.add(point) }
    var second = ReliabilityBins()
    second.add(CalibrationPoint(confidence: 1, posterior: 1, hit: true))
    var data = ReportData(
      title: "t", rows: [],
      models: [
        ModelReport(name: "a<b", trainLength: nil, runs: [], scored: 2),
        ModelReport(name: "c", trainLength: nil, runs: [], scored: 1),
      ])
    data.reliability = [("a<b", first), ("c", second)]
    return data
  }

  @Test func pointsSitAtTheirBinsMeans() throws {
    var svg = ""
    ReliabilityPlotWriter.write(data: Self.data(), to: &svg)
    let counter = ElementCounter()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = counter
    #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
    #expect(counter.counts["g"] == 2)
    // Two legend marks, then two points for each of the three non-empty bins.
    #expect(counter.counts["circle"] == 2 + 2 * 3)
    // Panel 1 spans x 51…233 and y 52…228 (176 high): bin 5 holds confidence 0.5 and posterior
    // 0.25 (filled at y 184), observed accuracy 0 (hollow at y 228).
    #expect(svg.contains("<circle cx=\"142\" cy=\"184\" r=\"3.5\""))
    #expect(svg.contains("<circle cx=\"142\" cy=\"228\" r=\"3\""))
    // Bin 9: mean confidence 0.96 (x 225.7), posterior 0.91 (y 67.8), accuracy ½ (y 140).
    #expect(svg.contains("<circle cx=\"225.7\" cy=\"67.8\" r=\"3.5\""))
    #expect(svg.contains("<circle cx=\"225.7\" cy=\"140\" r=\"3\""))
    #expect(svg.contains("a&lt;b") && !svg.contains("a<b"))
  }

  @Test func eceIsTheWeightedGapOfTheBins() {
    let bins = Self.data().reliability[0].bins
    #expect(bins.counts[5] == 1 && bins.counts[9] == 2 && bins.total == 3)
    let expected = (abs(0.5 - 0.25) + abs(0.95 + 0.97 - 0.9 - 0.92)) / 3
    #expect(abs(bins.ece! - expected) < 1e-15)
    #expect(ReliabilityBins().ece == nil)
  }
}
