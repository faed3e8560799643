import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// The page's first table: one row per cell, one column per model.
@Suite(.offCooperativePool) struct HTMLReportWriterComparisonTests {
  static func table(_ data: ReportData, family: ShellGameFamily) -> String {
    var output = ""
    HTMLReportWriter.writeComparison(data, family: (family.name, family.hasPosteriors), to: &output)
    return output
  }

  @Test func oneRowPerCellAndOneColumnPerModel() throws {
    let data = ReportFixtures.permData()
    let html = Self.table(data, family: .perm)
    let accuracy = data.rows.filter { $0.metric == .accuracy }
    let cells = Set(accuracy.map(\.cell))
    #expect(html.components(separatedBy: "<tr><td>").count - 1 == cells.count)
    #expect(html.contains("<th>T</th><th>k</th><th>floor</th><th>random</th><th>tiny-deltanet</th></tr>"))
    // Every model's value sits in its cell's row, in model order, shaded when it is at chance.
    for cell in cells.sorted().prefix(12) {
      let rowStart = try #require(
        html.range(
          of:
            "<tr>"
            + SummaryTable.values(of: cell, columns: SummaryTable.cellColumns(of: [cell])).map { "<td>\($0)</td>" }
            .joined() + "<td class=\"num\">\(cell.length)</td><td class=\"num\">\(cell.spacing.description)</td>"
        ))
      let rowEnd = try #require(html.range(of: "</tr>", range: rowStart.upperBound..<html.endIndex))
      let row = String(html[rowStart.upperBound..<rowEnd.lowerBound])
      var position = row.startIndex
      for model in ["random", "tiny-deltanet"] {
        let summary = try #require(accuracy.first { $0.cell == cell && $0.model == model })
        let value = HTMLReportWriter.cellHTML(summary)
        let found = try #require(row.range(of: value, range: position..<row.endIndex), "\(model) \(cell.key)")
        position = found.upperBound
        let shaded = summary.interval.low <= cell.chance
        #expect(row.contains("title=\"\(model): \(summary.examples) examples"))
        #expect(!shaded || row.contains("class=\"num chance\" title=\"\(model):"), "\(model) \(cell.key)")
      }
    }
    #expect(html.contains("the interval reaches the floor"))
    #expect(!html.contains("<th>Bayes</th>"))
  }

  @Test func pfsaTablesShowTheBayesCeilingFromTheTaskFile() throws {
    let data = ReportFixtures.pfsaData()
    let html = Self.table(data, family: .pfsa)
    #expect(
      html.contains(
        "<th>hidden</th><th>choices</th><th>max_value</th><th>render</th><th>T</th><th>k</th><th>floor</th><th>Bayes</th><th>oracle</th>"
      ))
    for row in data.rows where row.metric == .bayesAccuracy {
      #expect(html.contains("<td class=\"num bayes\">\(HTMLReportWriter.cellHTML(row))</td>"), "\(row.cell.key)")
    }
    #expect(html.contains("the Bayes-optimal predictor"))
  }
}
