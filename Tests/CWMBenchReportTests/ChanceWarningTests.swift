import CWMBenchFamilies
import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// The chance warning on free-form cells, whose chance is 0: luck cannot lift an interval above it.
@Suite(.offCooperativePool) struct ChanceWarningTests {
  static func row(_ spacing: Int, low: Double, floor: Double? = nil) -> SummaryRow {
    let cell = ReportCell(CellParameters.programs(length: 64, spacing: .every(spacing)))
    var row = SummaryRow(
      model: "m", cell: cell, metric: .accuracy, value: low, interval: ConfidenceInterval(low: low, high: 1),
      examples: 40, queries: 400)
    if let floor { row.floor = floor }
    return row
  }

  /// Above chance (0) but not above the no-tracking floor: the warning fires, in the floor's words.
  @Test func aboveChanceButAtTheFloorWarns() {
    let data = ReportData(
      title: "t", rows: [Self.row(1, low: 0.37, floor: 0.40), Self.row(4, low: 0.1, floor: 0.25)], models: [])
    #expect(data.modelsAtFloor.map(\.model) == ["m"])
    #expect(
      data.warnings == [
        "warning: model 'm' scores at or below the no-tracking floor on every cell (its 95% accuracy interval is above the floor on only 0 of 2 cells, no more than luck explains)"
      ])
    #expect(!data.warnings.contains { $0.contains("chance") })
  }

  /// An interval wholly above the floor is not flagged.
  @Test func aboveTheFloorDoesNotWarn() {
    let data = ReportData(title: "t", rows: [Self.row(1, low: 0.41, floor: 0.40)], models: [])
    #expect(data.modelsAtFloor.isEmpty)
    #expect(data.warnings.isEmpty)
  }

  @Test func oneFreeFormCellAboveZeroIsNotChance() {
    let data = ReportData(
      title: "t", rows: [Self.row(1, low: 0.37), Self.row(4, low: 0), Self.row(8, low: 0)], models: [])
    #expect(data.modelsAtFloor.isEmpty)
  }

  @Test func noFreeFormCellAboveZeroIsChance() {
    let data = ReportData(title: "t", rows: [Self.row(1, low: 0), Self.row(4, low: 0)], models: [])
    #expect(data.modelsAtFloor.map(\.model) == ["m"])
  }
}
