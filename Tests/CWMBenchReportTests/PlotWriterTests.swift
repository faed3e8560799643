import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite(.offCooperativePool) struct PlotWriterTests {
  static let figures: [(String, ReportMetric, PlotAxis, Bool)] = [
    ("accuracy_vs_spacing.svg", .accuracy, .spacing, false),
    ("accuracy_vs_length.svg", .accuracy, .length, false),
    ("excess_nll_vs_spacing.svg", .excessNLL, .spacing, true),
  ]

  static func render(_ metric: ReportMetric, _ axis: PlotAxis, pfsa: Bool) -> String {
    var svg = ""
    PlotWriter.write(
      metric: metric, versus: axis, data: pfsa ? ReportFixtures.pfsaData() : ReportFixtures.permData(), to: &svg)
    return svg
  }

  @Test(arguments: figures)
  func matchesGolden(name: String, metric: ReportMetric, axis: PlotAxis, pfsa: Bool) throws {
    try GoldenFile.check(Self.render(metric, axis, pfsa: pfsa), named: name)
  }

  @Test(arguments: figures)
  func parsesAsXMLWithOnePanelPerSetting(name: String, metric: ReportMetric, axis: PlotAxis, pfsa: Bool) {
    let svg = Self.render(metric, axis, pfsa: pfsa)
    let counter = ElementCounter()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = counter
    #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
    #expect(counter.root == "svg")
    // Panels are <g> groups: perm has 2 groups × 5 lengths (spacing plot) or × 5 spacings (length
    // plot); pfsa has 2 hidden levels × 2 lengths.
    #expect(counter.counts["g"] == (pfsa ? 4 : 10))
  }

  @Test func lengthPlotMarksTheTrainingLengthAndChance() {
    let svg = Self.render(.accuracy, .length, pfsa: false)
    #expect(svg.contains("tiny-deltanet training length 64"))
    #expect(svg.contains("stroke-dasharray=\"4 3\""))
    // Okabe–Ito colours: 'random' is first model, 'tiny-deltanet' second.
    #expect(svg.contains(PlotWriter.palette[0]) && svg.contains(PlotWriter.palette[1]))
  }

  @Test func modelsBeyondThePaletteGetDashedLines() {
    // Nine models: the ninth repeats the first colour, so it must differ in dash pattern.
    var data = ReportFixtures.permData()
    let template = data.rows.filter { $0.model == "random" }
    let first = data.models[0]
    for index in 0..<9 {
      var model = first
      model.name = "m\(index)"
      data.models.append(model)
      data.rows += template.map { row in
        var row = row
        row.model = model.name
        return row
      }
    }
    var svg = ""
    PlotWriter.write(metric: .accuracy, versus: .length, data: data, to: &svg)
    let models = PlotWriter.modelOrder(data)
    #expect(models.count >= 9)
    let ninth = models[8]
    #expect(PlotWriter.colour(of: ninth, in: models) == PlotWriter.colour(of: models[0], in: models))
    #expect(PlotWriter.dashAttribute(of: models[0], in: models).isEmpty)
    #expect(PlotWriter.dashAttribute(of: ninth, in: models) == " stroke-dasharray=\"7 3\"")
    #expect(svg.contains("stroke=\"\(PlotWriter.palette[0])\" stroke-width=\"1.8\" stroke-dasharray=\"7 3\""))
    #expect(svg.contains("stroke=\"\(PlotWriter.palette[0])\" stroke-width=\"2\" stroke-dasharray=\"7 3\""))
  }

  @Test func modelNamesAreEscaped() {
    var data = ReportFixtures.permData()
    data.rows = data.rows.map { row in
      var row = row
      if row.model == "random" { row.model = "<script>alert(1)</script>" }
      return row
    }
    data.models[0].name = "<script>alert(1)</script>"
    var svg = ""
    PlotWriter.write(metric: .accuracy, versus: .spacing, data: data, to: &svg)
    #expect(!svg.contains("<script>"))
    #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
  }
}

/// Counts elements by name while `XMLParser` walks a document.
final class ElementCounter: NSObject, XMLParserDelegate {
  var counts: [String: Int] = [:]
  var root: String?

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    if root == nil { root = elementName }
    counts[elementName, default: 0] += 1
  }
}
