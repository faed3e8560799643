import CWMBenchCore
import CWMBenchFormats

extension PlotWriter {
  /// Draws a panel's no-tracking floor (`SummaryRow.floor`) as a dashed grey line through its
  /// points, held level to the panel's edges: it replaces the chance line of accuracy plots.
  static func writeFloor(
    _ panel: Panel, axis: PlotAxis, scale: Scale, positions: [String: Double], to output: inout some TextOutputStream
  ) {
    var floors: [String: Double] = [:]
    for row in panel.rows { floors[xKey(row.cell, axis)] = max(floors[xKey(row.cell, axis)] ?? 0, row.floor) }
    let points = floors.compactMap { key, value in positions[key].map { (x: scale.x($0), y: scale.y(value)) } }
      .sorted { $0.x < $1.x }
    guard let first = points.first, let last = points.last else { return }
    let c = Markup.coordinate
    let path =
      "M\(c(scale.left)),\(c(first.y))" + points.map { "L\(c($0.x)),\(c($0.y))" }.joined()
      + "L\(c(scale.right)),\(c(last.y))"
    output.write(
      "<path d=\"\(path)\" fill=\"none\" stroke=\"#666666\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"><title>no-tracking floor: the better of last-reveal and chance (task file)</title></path>\n"
    )
  }
}
