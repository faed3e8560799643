import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

@Suite(.offCooperativePool) struct HeatmapWriterTests {
  static func svg(_ data: ReportData) -> String {
    var output = ""
    HeatmapWriter.write(data: data, to: &output)
    return output
  }

  @Test func everyAccuracyCellIsDrawnWithItsValueAndColour() throws {
    let data = ReportFixtures.permData()
    let svg = Self.svg(data)
    let accuracy = data.rows.filter { $0.metric == .accuracy }
    // One coloured cell per (model, group, length, spacing), each with a hover title naming it.
    #expect(svg.components(separatedBy: "<title>T=").count - 1 == accuracy.count)
    for row in accuracy.prefix(40) {
      let cell =
        "<title>T=\(row.cell.length) k=\(row.cell.spacing.description): \(Markup.estimate(row.value, row.interval))"
      // Coloured by accuracy above the floor: (accuracy − floor) / (1 − floor).
      let above = (row.value - row.floor) / (1 - row.floor)
      #expect(svg.contains("fill=\"\(HeatmapWriter.colour(above))\" stroke=\"#ffffff\">" + cell), "\(row.cell.key)")
    }
    // Panels: two models × two groups, each titled with the model and its setting.
    #expect(svg.contains(">tiny-deltanet · perm · S5 swap · reveal=one</text>"))
    #expect(svg.contains(">random · perm · S3 swap · reveal=one</text>"))
  }

  @Test func theScaleRunsFromDarkToLightAndItsLegendIsDrawn() {
    #expect(HeatmapWriter.colour(0) == "#440154")
    #expect(HeatmapWriter.colour(1) == "#fde725")
    #expect(HeatmapWriter.colour(.nan) == "#440154")
    #expect(HeatmapWriter.colour(7) == "#fde725")
    // Luminance rises monotonically along the scale, so order reads without colour vision.
    func luminance(_ hex: String) -> Double {
      let value = Int(hex.dropFirst(), radix: 16)!
      return 0.2126 * Double(value >> 16) + 0.7152 * Double((value >> 8) & 0xFF) + 0.0722 * Double(value & 0xFF)
    }
    let samples = stride(from: 0.0, through: 1.0, by: 0.05).map { luminance(HeatmapWriter.colour($0)) }
    #expect(zip(samples, samples.dropFirst()).allSatisfy { $0 < $1 })
    let svg = Self.svg(ReportFixtures.permData())
    #expect(
      svg.contains("url(#accuracy-scale)") && svg.contains(">above floor</text>") && svg.contains(">floor</text>"))
    #expect(
      svg.contains(">95% interval reaches the no-tracking floor; ! more than 5% failed</text>")
        && svg.contains(">longest training length</text>"))
  }

  /// Two cells at their floors look alike, whatever the floor (S3's chance, S5's, a last-reveal floor).
  @Test func cellsAtTheirFloorShareOneColour() {
    var rows: [SummaryRow] = []
    for (group, floor) in [("S3", 1.0 / 3), ("S5", 1.0 / 120), ("S5", 0.4)] {
      let cell = ReportFixtures.cell(group: group, length: floor == 0.4 ? 16 : 8, spacing: .every(1))
      var row = SummaryRow(
        model: "m", cell: cell, metric: .accuracy, value: floor, interval: ConfidenceInterval(low: floor, high: 1),
        examples: 10, queries: 10)
      row.floor = floor
      rows.append(row)
    }
    let svg = Self.svg(ReportData(title: "t", rows: rows, models: []))
    let bottom = "fill=\"\(HeatmapWriter.colour(0))\" stroke=\"#ffffff\"><title>T="
    #expect(svg.components(separatedBy: bottom).count - 1 == 3)
  }

  @Test func theTrainingLengthIsMarkedOnlyForModelsThatReportIt() {
    let svg = Self.svg(ReportFixtures.permData())
    // tiny-deltanet trained on length 64: one rule per panel of it (S3, S5), none for random.
    #expect(svg.components(separatedBy: ">trained ≤ 64</text>").count - 1 == 2)
  }

  @Test func noRowsSaysSo() {
    var data = ReportFixtures.permData()
    data.rows = []
    #expect(Self.svg(data).contains("no accuracy results"))
  }

  /// Rows of panels as laid out: the panels' counts per row, top to bottom.
  static func rowSizes(models: [String: Int]) -> [Int] {
    // Five spacings: three panels fit in a row of `maximumWidth`.
    let spacings = [Spacing.every(1), .every(2), .every(4), .every(8), .final]
    let panels = models.keys.sorted().flatMap { model in
      (0..<models[model]!).map {
        HeatmapWriter.Panel(
          model: model, setting: "s\($0)", lengths: [8], spacings: spacings, rows: [], trainLength: nil)
      }
    }
    var sizes: [Double: Int] = [:]
    for item in HeatmapWriter.layout(panels) { sizes[item.top, default: 0] += 1 }
    return sizes.keys.sorted().map { sizes[$0]! }
  }

  @Test func noPanelSitsAloneOnARowWhenTheWidthAllowsOtherwise() {
    // One panel per model: they share rows (not one lonely panel per row).
    #expect(Self.rowSizes(models: ["a": 1, "b": 1, "c": 1]) == [3])
    #expect(Self.rowSizes(models: ["a": 1, "b": 1, "c": 1, "d": 1]) == [2, 2])
    #expect(Self.rowSizes(models: ["a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1, "g": 1]) == [3, 2, 2])
    // Four settings per model, three to a row: each model on two rows of two, not three and one.
    #expect(Self.rowSizes(models: ["a": 4, "b": 4]) == [2, 2, 2, 2])
    #expect(Self.rowSizes(models: ["a": 3, "b": 2]) == [3, 2])
  }
}
