import CWMBenchCore
import CWMBenchFormats

extension PlotWriter {
  /// The Bayes-optimal accuracy of each `pfsa` panel (`SummaryRow.bayesCeilings`), so the
  /// ceiling is drawn whether or not an oracle run is shown.
  ///
  /// - Complexity: O(rows · log rows).
  static func ceilingLines(_ rows: [SummaryRow], axis: PlotAxis) -> [PanelKey: [(x: String, value: Double)]] {
    var lines: [PanelKey: [(x: String, value: Double)]] = [:]
    for panel in makePanels(rows: Array(SummaryRow.bayesCeilings(rows).values), axis: axis) {
      lines[panel.key] = panel.rows.map { (x: xKey($0.cell, axis), value: $0.value) }
    }
    return lines
  }

  /// Draws a panel's ceiling as a dotted dark line through its points, left to right, on a white
  /// halo: drawn over the models' lines, it stays visible where a model's line coincides with it.
  static func writeCeiling(
    _ ceiling: [(x: String, value: Double)], scale: Scale, positions: [String: Double],
    to output: inout some TextOutputStream
  ) {
    let points = ceiling.compactMap { point in positions[point.x].map { (x: scale.x($0), y: scale.y(point.value)) } }
      .sorted { $0.x < $1.x }
    guard !points.isEmpty else { return }
    let c = Markup.coordinate
    let path = points.enumerated().map { ($0.offset == 0 ? "M" : "L") + "\(c($0.element.x)),\(c($0.element.y))" }
    output.write(
      "<path d=\"\(path.joined())\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"3.2\" stroke-opacity=\"0.85\" stroke-dasharray=\"1.5 2.5\"/>\n"
    )
    output.write(
      "<path d=\"\(path.joined())\" fill=\"none\" stroke=\"#222222\" stroke-width=\"1.6\" stroke-dasharray=\"1.5 2.5\"><title>Bayes-optimal accuracy (task file)</title></path>\n"
    )
  }
}
