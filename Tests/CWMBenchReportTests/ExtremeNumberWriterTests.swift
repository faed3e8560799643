import CWMBenchEval
import CWMBenchFamilies
import CWMBenchGenerate
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Every writer survives ±∞, NaN and ±1e300 in any row's value and interval (issue 15, item 1).
@Suite(.offCooperativePool) struct ExtremeNumberWriterTests {
  static let extremes: [Double] = [
    .infinity, -.infinity, .nan, 1e300, -1e300, 1e-300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
  ]

  static func data(_ value: Double) -> ReportData {
    var data = ReportFixtures.pfsaData()
    // Every non-proportion row of the first model gets the extreme value and interval.
    let model = data.rows[0].model
    for index in data.rows.indices where data.rows[index].model == model && !data.rows[index].metric.isProportion {
      data.rows[index].value = value
      data.rows[index].interval = ConfidenceInterval(low: value, high: value)
    }
    return data
  }

  @Test(arguments: extremes)
  func writersSurvive(value: Double) {
    let data = Self.data(value)
    var csv = ""
    SummaryCSVWriter.write(data.rows, to: &csv)
    #expect(csv.split(separator: "\n").count == data.rows.count + 1)
    var page = ""
    HTMLReportWriter.write(data, to: &page)
    #expect(page.hasSuffix("</html>\n"))
    var markdown = ""
    MarkdownSummaryWriter.write(data, to: &markdown)
    #expect(!markdown.isEmpty)
    for metric in [ReportMetric.nll, .excessNLL, .tv] {
      var svg = ""
      PlotWriter.write(metric: metric, versus: .spacing, data: data, to: &svg)
      let parser = XMLParser(data: Data(svg.utf8))
      #expect(parser.parse(), "\(metric) plot for \(value) is not XML")
      #expect(
        svg.range(of: #"="[^"]*(inf|nan)[^"]*""#, options: .regularExpression) == nil, "\(metric) plot for \(value)")
    }
  }
}
