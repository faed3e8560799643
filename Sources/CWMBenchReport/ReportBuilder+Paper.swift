import CWMBenchCore
import CWMBenchFormats
import Foundation

extension ReportBuilder {
  /// The line plots of the page, laid out for a 3.25-inch paper column (`PlotLayout.paperColumn`:
  /// one panel a row, text of at least 8 pt when printed at that width), written into `directory`.
  ///
  /// The heatmap and the token plot are left to the page: their panels do not fit a column.
  public static func writePaperFigures(_ data: ReportData, to directory: String) throws(ReportError) -> [String] {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .io(path: directory, reason: String(describing: error))
    }
    var outputs: [(name: String, text: String)] = []
    for (name, metric, axis) in figures(data) {
      var svg = ""
      PlotWriter.write(metric: metric, versus: axis, data: data, layout: .paperColumn, to: &svg)
      outputs.append((name, svg))
    }
    return try writeAll(outputs, into: directory)
  }
}
