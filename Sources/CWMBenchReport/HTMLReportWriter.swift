import CWMBenchCore
import CWMBenchFormats
import Foundation

/// Writes `index.html`: one self-contained page (no network) with the plots, the tables, each
/// model's bookkeeping and the sample browser (`HTMLReportWriter+Browser.swift`).
///
/// Every piece of text that comes from a model or a file goes through `Markup.escape` here, or
/// `textContent` in the browser's script, which renders every example from `samples/` with the
/// stops the report writes from the task line's structure fields (`HTMLReportWriter+Stepper.swift`).
public enum HTMLReportWriter {
  /// Writes the page for `data`.
  public static func write(_ data: ReportData, to output: inout some TextOutputStream) {
    let title = Markup.escape(data.title)
    output.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    output.write(
      "<title>cwmbench report: \(title)</title>\n<style>\n\(style)\(browserStyle)</style>\n</head>\n<body>\n")
    output.write("<h1>cwmbench report: \(title)</h1>\n")
    let warnings = data.warnings
    if !warnings.isEmpty {
      output.write("<ul class=\"warnings\">\n")
      for warning in warnings { output.write("<li>\(Markup.escape(warning))</li>\n") }
      output.write("</ul>\n")
    }
    writeHeadline(data, to: &output)
    for family in SummaryTable.families(in: data.rows) { writeFamily(data, family: family, to: &output) }
    writePairs(data, to: &output)
    writeSampleBrowser(data, to: &output)
    output.write("<h2>Models</h2>\n")
    for model in data.models { writeModel(model, samples: data.samples, to: &output) }
    output.write("<script>\n\(SampleBrowserScript.source)</script>\n</body>\n</html>\n")
  }

  /// Writes the plots of `data` (one family's part of the report, in its section).
  static func writePlots(_ data: ReportData, to output: inout some TextOutputStream) {
    guard !data.rows.isEmpty else { return }
    output.write("<h3>Accuracy</h3>\n<figure>\n")
    PlotWriter.write(metric: .accuracy, versus: .spacing, data: data, to: &output)
    output.write(
      "<figcaption>Accuracy against reveal spacing; bands are 95% bootstrap intervals over examples.</figcaption>\n</figure>\n<figure>\n"
    )
    PlotWriter.write(metric: .accuracy, versus: .length, data: data, to: &output)
    output.write(
      "<figcaption>Accuracy against trace length; dashed verticals mark training lengths.</figcaption>\n</figure>\n")
    output.write("<figure>\n")
    HeatmapWriter.write(data: data, to: &output)
    output.write(
      "<figcaption>Accuracy over reveal spacing (columns) and trace length (rows), per model and setting: the extrapolation view. A dot marks a cell whose 95% interval reaches chance; the dashed red rule lies below the longest training length.</figcaption>\n</figure>\n"
    )
    if data.rows.contains(where: { $0.metric == .accuracyChanged }) {
      output.write("<h3>Accuracy on changed values</h3>\n<figure>\n")
      PlotWriter.write(metric: .accuracyChanged, versus: .spacing, data: data, to: &output)
      output.write(
        "<figcaption>Accuracy on the queries whose answer is not a copy of what was last shown (<code>copy: false</code>), against reveal spacing; bands are 95% Wilson intervals over those queries; the dashed line is chance, as a model that tracks nothing gets none of them right by repeating.</figcaption>\n</figure>\n"
      )
    }
    if data.rows.contains(where: { $0.metric == .excessNLL }) {
      output.write("<h3>Excess NLL</h3>\n<figure>\n")
      PlotWriter.write(metric: .excessNLL, versus: .spacing, data: data, to: &output)
      output.write("<figcaption>NLL above the Bayes-optimal predictor, in nats per query.</figcaption>\n</figure>\n")
    }
    if data.hasTokenCounts {
      output.write("<h3>Accuracy against answer tokens</h3>\n<figure>\n")
      TokenPlotWriter.write(data: data, to: &output)
      output.write(
        "<figcaption>Accuracy of the queries whose answer the model's tokenizer split into that many tokens (the results' <code>tokens</code>); bars are 95% Wilson intervals over queries, which treat the queries of one trace as independent.</figcaption>\n</figure>\n"
      )
    }
    for axis in SinceWordAccuracy.Axis.allCases where SinceWordPlotWriter.hasPoints(data, axis: axis) {
      let what = axis == .sinceWord ? "<code>since_word</code>" : "answer tokens"
      output.write("<h3>Accuracy against \(what)</h3>\n<figure>\n")
      SinceWordPlotWriter.write(axis: axis, data: data, to: &output)
      output.write(
        "<figcaption>The tokenization contrast: rows are spacings, columns changed answers and copies (the answer repeats what the variable last showed); solid lines and dots start from words, dashed lines and squares from random strings. Bars are 95% Wilson intervals over queries; the last x value pools the rest.</figcaption>\n</figure>\n"
      )
    }
  }

  static func writeTable(
    _ data: ReportData, family: (name: String, hasPosteriors: Bool), to output: inout some TextOutputStream
  ) {
    output.write("<h3>Tables</h3>\n")
    writeComparison(data, family: family, to: &output)
    if family.hasPosteriors { writeReliability(data, to: &output) }
    let columns = SummaryTable.columns(of: family, in: data.rows)
    let table = SummaryTable(rows: data.rows, family: family.name)
    let cellColumns = SummaryTable.cellColumns(of: table.lines.map(\.cell))
    output.write(
      "<details><summary>Every metric, one row per model and cell (as in <code>summary.csv</code>)</summary>\n<div class=\"table\"><table>\n<thead><tr><th>model</th>"
    )
    for column in cellColumns { output.write("<th>\(Markup.escape(column))</th>") }
    output.write("<th>T</th><th>k</th><th>examples</th>")
    for metric in columns { output.write("<th>\(metric.rawValue)</th>") }
    output.write("</tr></thead>\n<tbody>\n")
    for line in table.lines {
      let cell = line.cell
      output.write("<tr><td>\(Markup.escape(data.markedName(line.model)))</td>")
      for value in SummaryTable.values(of: cell, columns: cellColumns) {
        output.write("<td>\(Markup.escape(value))</td>")
      }
      output.write(
        "<td class=\"num\">\(cell.length)</td><td class=\"num\">\(cell.spacing.description)</td><td class=\"num\">\(line.metrics[.accuracy]?.examples ?? 0)</td>"
      )
      for metric in columns {
        let row = line.metrics[metric]
        let atFloor = metric == .accuracy && row?.reachesFloor == true
        output.write(
          "<td class=\"num\(atFloor ? " chance" : "")\"\(metric == .accuracy ? floorTitle(row) : "")>\(cellHTML(row))</td>"
        )
      }
      output.write("</tr>\n")
    }
    output.write("</tbody>\n</table></div>\n</details>\n")
  }

  /// A value over its 95% interval, rounded to what the interval justifies (`Markup.places(for:)`).
  static func cellHTML(_ row: SummaryRow?) -> String {
    guard let row else { return "–" }
    let places = Markup.places(for: row.interval)
    return Markup.decimal(row.value, places: places) + "<br><small>[" + Markup.decimal(row.interval.low, places: places)
      + ", " + Markup.decimal(row.interval.high, places: places) + "]</small>" + (row.mostlyFailed ? " <b>!</b>" : "")
  }

  static func writeModel(_ model: ModelReport, samples: SampleLimit, to output: inout some TextOutputStream) {
    output.write("<section class=\"model\">\n<h3>\(Markup.escape(model.markedName))</h3>\n<p>")
    let status = Dictionary(model.unfinishedRuns.map { ($0.run, $0.status) }, uniquingKeysWith: { first, _ in first })
    let runs = model.runs.map { run in
      "<code>\(Markup.escape(run))</code>" + (status[run].map { " (ended <b>\(Markup.escape($0))</b>)" } ?? "")
    }
    output.write("runs: \(runs.joined(separator: ", "))")
    output.write(" · scored examples: \(model.scored)")
    if let trainLength = model.trainLength { output.write(" · training length: \(trainLength)") }
    output.write("</p>\n")
    writeIDList("missing (no result line)", model.missing.map { ($0, nil) }, to: &output)
    writeIDList("failed", model.failed.map { ($0.id, $0.error) }, to: &output)
    writeSampleLinks(model, samples: samples, to: &output)
    output.write("</section>\n")
  }

  static let listLimit = 50

  static func writeIDList(_ label: String, _ items: [(String, String?)], to output: inout some TextOutputStream) {
    guard !items.isEmpty else { return }
    output.write("<details><summary>\(items.count) \(label)</summary>\n<ul class=\"ids\">\n")
    for (id, error) in items.prefix(listLimit) {
      output.write("<li><code>\(Markup.escape(id))</code>\(error.map { ": " + Markup.escape($0) } ?? "")</li>\n")
    }
    if items.count > listLimit { output.write("<li>… and \(items.count - listLimit) more</li>\n") }
    output.write("</ul>\n</details>\n")
  }

  static let style = """
    body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
    h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; }
    nav.families { font-size: 0.9em; } table.headline td.rank { color: #666; }
    figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; } figcaption { font-size: 0.85em; color: #555; }
    table { border-collapse: collapse; font-size: 0.8em; margin: 0.5em 0; }
    th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 6px; text-align: left; white-space: nowrap; }
    th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.chance { background: #fff3cd; } td small { color: #666; } div.table { overflow-x: auto; }
    .warnings { background: #fff3cd; border: 1px solid #e0c36a; padding: 0.6em 1.6em; }
    .legend { font-size: 0.85em; color: #444; } .swatch { display: inline-block; width: 1.4em; height: 0.9em; vertical-align: middle; border: 1px solid #ccc; }
    .swatch.chance { background: #fff3cd; } .swatch.ok { background: #d8f0e6; } .swatch.bad { background: #fbdcd0; }
    td.bayes { color: #555; font-style: italic; }

    """
}
