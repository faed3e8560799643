import CWMBenchCore
import CWMBenchFormats
import Foundation

/// Draws `accuracy_heatmap.svg`: per model and setting, accuracy over reveal spacing × trace length.
///
/// The extrapolation view: rows are lengths (shortest on top), columns spacings (`final` last),
/// each cell printed with its accuracy and coloured by how far that accuracy stands above the
/// cell's no-tracking floor (`(accuracy − floor) / (1 − floor)`, so a model at the floor of S5
/// and one at the floor of S3 look alike). A dot marks a cell whose 95% interval reaches the
/// floor (`SummaryRow.reachesFloor`), `!` one with more than 5% of its examples failed; a dashed
/// rule below the last length a model was trained on separates what it saw from what it must
/// extrapolate to.
public enum HeatmapWriter {
  static let cellWidth = 46.0
  static let cellHeight = 22.0
  static let labelWidth = 52.0
  static let titleHeight = 34.0
  static let panelGap = 18.0
  static let legendHeight = 46.0
  static let maximumWidth = 1080.0

  /// Viridis at five stops: perceptually uniform and readable without colour vision.
  static let scale: [(r: Double, g: Double, b: Double)] = [
    (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
  ]

  /// One panel: a model on one setting.
  struct Panel {
    var model: String
    var setting: String
    var lengths: [Int]
    var spacings: [Spacing]
    var rows: [SummaryRow]
    var trainLength: Int?
  }

  /// Writes the heatmaps of every model in `data`.
  ///
  /// - Complexity: O(rows · log rows).
  public static func write(data: ReportData, to output: inout some TextOutputStream) {
    let placed = layout(makePanels(data))
    let width = max(600, placed.map { $0.left + panelWidth($0.panel) }.max() ?? 0) + 10
    let height = (placed.map { $0.top + panelHeight($0.panel) }.max() ?? legendHeight + 40) + 10
    let c = Markup.coordinate
    output.write(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" font-family=\"\(PlotWriter.font)\" font-size=\"11\">\n"
    )
    output.write(
      "<title>accuracy over spacing × length</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
    writeLegend(to: &output)
    if placed.isEmpty {
      output.write(
        "<text x=\"\(c(width / 2))\" y=\"\(c(legendHeight + 30))\" text-anchor=\"middle\" fill=\"#555555\">no accuracy results</text>\n"
      )
    }
    for item in placed { writePanel(item.panel, left: item.left, top: item.top, to: &output) }
    output.write("</svg>\n")
  }

  /// Lays the panels out in rows no wider than `maximumWidth`: each model's panels on rows of
  /// their own when every model has at least two, otherwise all panels flowing in model order;
  /// either way over as few rows as the widest panel allows, spread evenly (4 panels, 3 to a row:
  /// 2 and 2), so no panel sits alone on a row unless only one fits in a row or 3 must share two.
  static func layout(_ panels: [Panel]) -> [(panel: Panel, left: Double, top: Double)] {
    guard !panels.isEmpty else { return [] }
    let widest = panels.map(panelWidth).max() ?? 0
    let perRow = max(1, Int((maximumWidth - 10 + panelGap) / (widest + panelGap)))
    var byModel: [[Panel]] = []
    for panel in panels {
      if byModel.last?.first?.model == panel.model {
        byModel[byModel.count - 1].append(panel)
      } else {
        byModel.append([panel])
      }
    }
    // A model's panels stay together when every model has two or more; a lone panel per model
    // flows with the others.
    let groups = byModel.allSatisfy { $0.count >= 2 } ? byModel : [panels]
    let rows = groups.flatMap { balancedRows($0, perRow: perRow) }
    var placed: [(panel: Panel, left: Double, top: Double)] = []
    var top = legendHeight
    for row in rows {
      var left = 10.0
      for panel in row {
        placed.append((panel, left, top))
        left += panelWidth(panel) + panelGap
      }
      top += (row.map(panelHeight).max() ?? 0) + panelGap
    }
    return placed
  }

  /// `panels` over as few rows of at most `perRow` as possible, the first rows one longer when
  /// the count does not divide evenly (7 panels, 3 to a row: 3, 2, 2).
  static func balancedRows(_ panels: [Panel], perRow: Int) -> [[Panel]] {
    let rowCount = (panels.count + perRow - 1) / perRow
    guard rowCount > 0 else { return [] }
    let (base, extra) = panels.count.quotientAndRemainder(dividingBy: rowCount)
    var start = 0
    return (0..<rowCount).map { row in
      let end = start + base + (row < extra ? 1 : 0)
      defer { start = end }
      return Array(panels[start..<end])
    }
  }

  static func makePanels(_ data: ReportData) -> [Panel] {
    let rows = data.rows.filter { $0.metric == .accuracy }
    let trainLengths = Dictionary(
      data.trainLengths.map { ($0.model, $0.length) }, uniquingKeysWith: { first, _ in first })
    var panels: [Panel] = []
    for model in PlotWriter.modelOrder(data) {
      let mine = rows.filter { $0.model == model }
      var settings: [String] = []
      for row in mine.sorted(by: { $0.cell < $1.cell }) where !settings.contains(row.cell.setting) {
        settings.append(row.cell.setting)
      }
      for setting in settings {
        let cells = mine.filter { $0.cell.setting == setting }
        let lengths = Array(Set(cells.map(\.cell.length))).sorted()
        let spacings = Array(Set(cells.map(\.cell.spacing))).sorted(by: spacingOrder)
        panels.append(
          Panel(
            model: data.markedName(model), setting: setting, lengths: lengths, spacings: spacings, rows: cells,
            trainLength: trainLengths[model]))
      }
    }
    return panels
  }

  /// Numeric spacings ascending, then `final`.
  static func spacingOrder(_ a: Spacing, _ b: Spacing) -> Bool {
    switch (a, b) {
    case (.every(let x), .every(let y)): return x < y
    case (.every, .final): return true
    default: return false
    }
  }

  static func panelWidth(_ panel: Panel) -> Double {
    let grid = labelWidth + Double(panel.spacings.count) * cellWidth + (panel.trainLength == nil ? 10 : 80)
    // Room for the title too: about 6 px a character at 11 px.
    return max(grid, Double(panel.model.count + panel.setting.count + 3) * 6)
  }

  static func panelHeight(_ panel: Panel) -> Double { titleHeight + Double(panel.lengths.count) * cellHeight + 8 }

  /// The scale's colour at `value` (clamped to 0…1), as `#rrggbb`.
  static func colour(_ value: Double) -> String {
    let t = value.isFinite ? min(1, max(0, value)) : 0
    let position = t * Double(scale.count - 1)
    let index = min(scale.count - 2, Int(position))
    let f = position - Double(index)
    let (a, b) = (scale[index], scale[index + 1])
    func channel(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
    let rgb = [channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b)]
    return "#" + rgb.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
  }

  static func writeLegend(to output: inout some TextOutputStream) {
    let c = Markup.coordinate
    let (left, top, width) = (14.0, 10.0, 160.0)
    output.write("<defs><linearGradient id=\"accuracy-scale\">")
    for index in scale.indices {
      let offset = Double(index) / Double(scale.count - 1)
      output.write("<stop offset=\"\(c(offset))\" stop-color=\"\(colour(offset))\"/>")
    }
    output.write("</linearGradient></defs>\n")
    output.write(
      "<rect x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(width))\" height=\"10\" fill=\"url(#accuracy-scale)\"/>\n")
    for (tick, label) in [(0.0, "floor"), (0.5, "halfway"), (1.0, "1")] {
      output.write(
        "<text x=\"\(c(left + tick * width))\" y=\"\(c(top + 22))\" text-anchor=\"middle\" fill=\"#222222\">\(label)</text>\n"
      )
    }
    output.write("<text x=\"\(c(left + width + 8))\" y=\"\(c(top + 9))\" fill=\"#222222\">above floor</text>\n")
    let x = left + width + 70
    output.write("<circle cx=\"\(c(x))\" cy=\"\(c(top + 5))\" r=\"2.5\" fill=\"#222222\"/>")
    output.write(
      "<text x=\"\(c(x + 8))\" y=\"\(c(top + 9))\" fill=\"#222222\">95% interval reaches the no-tracking floor; ! more than 5% failed</text>\n"
    )
    output.write(
      "<line x1=\"\(c(x - 6))\" y1=\"\(c(top + 22))\" x2=\"\(c(x + 6))\" y2=\"\(c(top + 22))\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>"
    )
    output.write("<text x=\"\(c(x + 8))\" y=\"\(c(top + 26))\" fill=\"#222222\">longest training length</text>\n")
  }

  static func writePanel(_ panel: Panel, left: Double, top: Double, to output: inout some TextOutputStream) {
    let c = Markup.coordinate
    output.write(
      "<text x=\"\(c(left))\" y=\"\(c(top + 14))\" font-weight=\"bold\" fill=\"#222222\">\(Markup.escape(panel.model)) · \(Markup.escape(panel.setting))</text>\n"
    )
    let gridLeft = left + labelWidth
    let gridTop = top + titleHeight
    output.write("<text x=\"\(c(left))\" y=\"\(c(gridTop - 6))\" fill=\"#555555\">T \\ k</text>\n")
    for (column, spacing) in panel.spacings.enumerated() {
      output.write(
        "<text x=\"\(c(gridLeft + (Double(column) + 0.5) * cellWidth))\" y=\"\(c(gridTop - 6))\" text-anchor=\"middle\" fill=\"#222222\">\(Markup.escape(spacing.description))</text>\n"
      )
    }
    for (row, length) in panel.lengths.enumerated() {
      let y = gridTop + Double(row) * cellHeight
      output.write(
        "<text x=\"\(c(gridLeft - 6))\" y=\"\(c(y + cellHeight / 2 + 4))\" text-anchor=\"end\" fill=\"#222222\">\(length)</text>\n"
      )
      for (column, spacing) in panel.spacings.enumerated() {
        let x = gridLeft + Double(column) * cellWidth
        guard let cell = panel.rows.first(where: { $0.cell.length == length && $0.cell.spacing == spacing }) else {
          output.write(
            "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(cellWidth))\" height=\"\(c(cellHeight))\" fill=\"#eeeeee\" stroke=\"#ffffff\"/>\n"
          )
          continue
        }
        let value = cell.value
        let above = cell.floor < 1 ? (value - cell.floor) / (1 - cell.floor) : 0
        output.write(
          "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(cellWidth))\" height=\"\(c(cellHeight))\" fill=\"\(colour(above))\" stroke=\"#ffffff\"><title>T=\(length) k=\(Markup.escape(spacing.description)): \(Markup.estimate(value, cell.interval)), floor \(Markup.decimal(cell.floor, places: 3)), \(cell.examples) examples, \(cell.failed) failed</title></rect>\n"
        )
        // Light text on the dark half of the scale, dark text on the light half.
        let ink = above.isFinite && above > 0.6 ? "#111111" : "#ffffff"
        output.write(
          "<text x=\"\(c(x + cellWidth / 2))\" y=\"\(c(y + cellHeight / 2 + 4))\" text-anchor=\"middle\" fill=\"\(ink)\">\(Markup.decimal(value, places: 2))</text>\n"
        )
        if cell.reachesFloor {
          output.write("<circle cx=\"\(c(x + cellWidth - 5))\" cy=\"\(c(y + 5))\" r=\"2.5\" fill=\"\(ink)\"/>\n")
        }
        if cell.mostlyFailed {
          output.write("<text x=\"\(c(x + 3))\" y=\"\(c(y + 9))\" font-weight=\"bold\" fill=\"\(ink)\">!</text>\n")
        }
      }
    }
    if let trainLength = panel.trainLength, let last = panel.lengths.lastIndex(where: { $0 <= trainLength }) {
      let y = gridTop + Double(last + 1) * cellHeight
      let right = gridLeft + Double(panel.spacings.count) * cellWidth
      output.write(
        "<line x1=\"\(c(gridLeft - 4))\" y1=\"\(c(y))\" x2=\"\(c(right + 4))\" y2=\"\(c(y))\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>\n"
      )
      output.write("<text x=\"\(c(right + 8))\" y=\"\(c(y + 4))\" fill=\"#d62728\">trained ≤ \(trainLength)</text>\n")
    }
  }
}

extension String {
  /// The string with leading zeros up to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
