import CWMBenchFamilies
import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// The chance warning on free-form cells, whose chance is 0: luck cannot lift an interval above it.
@Suite(.offCooperativePool) struct ChanceWarningTests {
  static func row(_ spacing: Int, low: Double) -> SummaryRow {
    let cell = ReportCell(CellParameters.programs(length: 64, spacing: .every(spacing)))
    return SummaryRow(
      model: "m", cell: cell, metric: .accuracy, value: low, interval: ConfidenceInterval(low: low, high: 1),
      examples: 40, queries: 400)
  }

  @Test func oneFreeFormCellAboveZeroIsNotChance() {
    let data = ReportData(
      title: "t", rows: [Self.row(1, low: 0.37), Self.row(4, low: 0), Self.row(8, low: 0)], models: [])
    #expect(data.modelsAtChance.isEmpty)
  }

  @Test func noFreeFormCellAboveZeroIsChance() {
    let data = ReportData(title: "t", rows: [Self.row(1, low: 0), Self.row(4, low: 0)], models: [])
    #expect(data.modelsAtChance.map(\.model) == ["m"])
  }
}
