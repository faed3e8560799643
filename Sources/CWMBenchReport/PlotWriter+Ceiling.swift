import CWMBenchCore
import CWMBenchFormats

extension PlotWriter {
  /// The Bayes-optimal accuracy of each `pfsa` panel, from the task file's posteriors (the
  /// `bayes_accuracy` rows), so the ceiling is drawn whether or not an oracle run is shown.
  ///
  /// Every model's rows hold the same ceiling for a cell; the one over the most examples is kept.
  ///
  /// - Complexity: O(rows · log rows).
  static func ceilingLines(_ rows: [SummaryRow], axis: PlotAxis) -> [ReportCell: [(x: String, value: Double)]] {
    let bayes = rows.filter { $0.metric == .bayesAccuracy && $0.value.isFinite }
    var lines: [ReportCell: [(x: String, value: Double)]] = [:]
    for panel in makePanels(rows: bayes, axis: axis) {
      var best: [String: SummaryRow] = [:]
      for row in panel.rows {
        let key = xKey(row.cell, axis)
        if (best[key]?.examples ?? -1) < row.examples { best[key] = row }
      }
      lines[panel.key] = best.map { (x: $0.key, value: $0.value.value) }
    }
    return lines
  }

  /// Draws a panel's ceiling as a dotted dark line through its points, left to right.
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
      "<path d=\"\(path.joined())\" fill=\"none\" stroke=\"#222222\" stroke-width=\"1.6\" stroke-dasharray=\"1.5 2.5\"><title>Bayes-optimal accuracy (task file)</title></path>\n"
    )
  }
}
