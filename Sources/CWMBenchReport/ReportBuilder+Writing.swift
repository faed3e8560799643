import CWMBenchCore
import CWMBenchFamilies
import CWMBenchFormats
import Foundation

extension ReportBuilder {
  /// Writes the files of `data` into `directory` and returns their paths.
  public static func write(_ data: ReportData, to directory: String) throws(ReportError) -> [String] {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .io(path: directory, reason: String(describing: error))
    }
    var outputs: [(String, String)] = []
    var csv = ""
    SummaryCSVWriter.write(data.rows + data.pairRows, columns: data.cellColumns, to: &csv)
    outputs.append(("summary.csv", csv))
    var headline = ""
    HeadlineCSVWriter.write(Headline.headlines(of: data.rows), to: &headline)
    outputs.append((HeadlineCSVWriter.fileName, headline))
    var tex = ""
    SummaryTeXWriter.write(data, to: &tex)
    outputs.append((SummaryTeXWriter.fileName, tex))
    for (name, metric, axis) in figures(data) {
      var svg = ""
      PlotWriter.write(metric: metric, versus: axis, data: data, to: &svg)
      outputs.append((name, svg))
    }
    var heatmap = ""
    HeatmapWriter.write(data: data, to: &heatmap)
    outputs.append(("accuracy_heatmap.svg", heatmap))
    if !data.reliability.isEmpty {
      var reliability = ""
      ReliabilityPlotWriter.write(data: data, to: &reliability)
      outputs.append((ReliabilityPlotWriter.fileName, reliability))
    }
    if data.hasTokenCounts {
      var tokens = ""
      TokenPlotWriter.write(data: data, to: &tokens)
      outputs.append((TokenPlotWriter.fileName, tokens))
    }
    for (axis, name) in [
      (SinceWordAccuracy.Axis.sinceWord, SinceWordPlotWriter.sinceWordFileName),
      (.tokens, SinceWordPlotWriter.tokensFileName),
    ]
    where SinceWordPlotWriter.hasPoints(data, axis: axis) {
      var svg = ""
      SinceWordPlotWriter.write(axis: axis, data: data, to: &svg)
      outputs.append((name, svg))
    }
    var html = ""
    HTMLReportWriter.write(data.namingRunsRelative(to: directory), to: &html)
    outputs.append(("index.html", html))
    return try writeAll(outputs, into: directory)
  }

  /// The line plots of a report: accuracy against spacing and length, accuracy on changed
  /// queries against spacing (when task files record `copy`), and for families with posteriors
  /// excess NLL against spacing.
  static func figures(_ data: ReportData) -> [(name: String, metric: ReportMetric, axis: PlotAxis)] {
    var figures: [(name: String, metric: ReportMetric, axis: PlotAxis)] = [
      ("accuracy_vs_spacing.svg", .accuracy, .spacing), ("accuracy_vs_length.svg", .accuracy, .length),
    ]
    if data.rows.contains(where: { $0.metric == .accuracyChanged }) {
      figures.append(("accuracy_changed_vs_spacing.svg", .accuracyChanged, .spacing))
    }
    if data.rows.contains(where: { $0.cell.hasPosteriors }) {
      figures.append(("excess_nll_vs_spacing.svg", .excessNLL, .spacing))
    }
    return figures
  }

  /// Writes each named text into `directory`, atomically, and returns the paths in order.
  static func writeAll(_ outputs: [(name: String, text: String)], into directory: String) throws(ReportError)
    -> [String]
  {
    var written: [String] = []
    for (name, text) in outputs {
      let path = directory + "/" + name
      do { try AtomicFile.write(Array(text.utf8), to: path) } catch {
        throw .io(path: path, reason: error.description)
      }
      written.append(path)
    }
    return written
  }
}
