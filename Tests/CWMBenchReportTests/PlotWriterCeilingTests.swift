import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// The Bayes ceiling on the accuracy plots comes from the task file, oracle run or not.
@Suite(.offCooperativePool) struct PlotWriterCeilingTests {
  @Test func pfsaAccuracyPanelsDrawTheBayesCeilingWithoutAnOracle() throws {
    var data = ReportFixtures.pfsaData()
    // Rename the only model: the ceiling must not depend on an oracle being in the report.
    data.rows = data.rows.map { row in
      var row = row
      row.model = "tiny-lstm"
      return row
    }
    data.models[0].name = "tiny-lstm"
    var svg = ""
    PlotWriter.write(metric: .accuracy, versus: .spacing, data: data, to: &svg)
    let panels = PlotWriter.makePanels(rows: data.rows.filter { $0.metric == .accuracy }, axis: .spacing)
    #expect(svg.components(separatedBy: "<title>Bayes-optimal accuracy (task file)</title>").count - 1 == panels.count)
    #expect(svg.contains(">Bayes-optimal (task file; drawn on top)</text>"))
    // Drawn after every model's line in each panel, so a model that reaches it cannot hide it.
    for panel in svg.components(separatedBy: "<g>").dropFirst() {
      let ceiling = try #require(panel.range(of: "<title>Bayes-optimal accuracy (task file)</title>"))
      #expect(!panel[ceiling.upperBound...].contains("<polyline"), "a model's line is drawn over the ceiling")
    }
    // Each ceiling point sits at the y of its bayes_accuracy row.
    let lines = PlotWriter.ceilingLines(data.rows, axis: .spacing)
    #expect(lines.count == panels.count)
    for panel in panels {
      let points = try #require(lines[panel.key])
      let expected = data.rows.filter {
        $0.metric == .bayesAccuracy && PlotWriter.makePanels(rows: [$0], axis: .spacing).first?.key == panel.key
      }
      #expect(Set(points.map(\.value)) == Set(expected.map(\.value)))
    }
  }

  @Test func permPanelsAndOtherMetricsHaveNone() {
    var svg = ""
    PlotWriter.write(metric: .accuracy, versus: .spacing, data: ReportFixtures.permData(), to: &svg)
    #expect(!svg.contains("Bayes-optimal accuracy"))
    svg = ""
    PlotWriter.write(metric: .excessNLL, versus: .spacing, data: ReportFixtures.pfsaData(), to: &svg)
    #expect(!svg.contains("Bayes-optimal accuracy"))
  }
}
