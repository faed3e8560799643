import CWMBenchCore
import CWMBenchFormats

extension HTMLReportWriter {
  /// The models side by side: one row per cell, one column per model (accuracy over its 95%
  /// interval, under it the accuracy on changed values when the task file records `copy`), and
  /// for `pfsa` the Bayes-optimal accuracy, the ceiling, from the task file.
  ///
  /// - Complexity: O(rows).
  static func writeComparison(
    _ data: ReportData, family: (name: String, hasPosteriors: Bool), to output: inout some TextOutputStream
  ) {
    let models = PlotWriter.modelOrder(data).filter { model in
      data.rows.contains { $0.model == model && $0.cell.familyName == family.name }
    }
    var accuracy: [ReportCell: [String: SummaryRow]] = [:]
    var changed: [ReportCell: [String: SummaryRow]] = [:]
    for row in data.rows where row.cell.familyName == family.name {
      if row.metric == .accuracy { accuracy[row.cell, default: [:]][row.model] = row }
      if row.metric == .accuracyChanged { changed[row.cell, default: [:]][row.model] = row }
    }
    let bayes = SummaryRow.bayesCeilings(data.rows.filter { $0.cell.familyName == family.name })
    let cells = accuracy.keys.sorted()
    let cellColumns = SummaryTable.cellColumns(of: cells)
    let showsBayes = family.hasPosteriors && !bayes.isEmpty
    output.write("<p class=\"legend\">Accuracy of each model on each cell, with its 95% interval in brackets ")
    output.write("(a bootstrap over examples). <b>floor</b>: the no-tracking floor, the better of the ")
    output.write("<code>last-reveal</code> baseline and chance on the cell's queries, from the task file. ")
    output.write("<span class=\"swatch chance\"></span> the interval reaches the floor: no sign of tracking there. ")
    output.write("<b>!</b> more than 5% of the cell's examples failed or have no result.")
    if !changed.isEmpty {
      output.write(
        " <b>changed</b>: the accuracy on the queries whose value changed since it was last shown "
          + "(<code>copy: false</code>), where repeating what was seen is always wrong.")
    }
    if showsBayes {
      output.write(
        " <b>Bayes</b>: the accuracy of the Bayes-optimal predictor, from the task file's posteriors, the ceiling.")
    }
    output.write(
      "</p>\n<div class=\"table\"><table class=\"comparison\">\n<thead><tr>")
    for column in cellColumns { output.write("<th>\(Markup.escape(column))</th>") }
    output.write("<th>T</th><th>k</th><th>floor</th>")
    if showsBayes { output.write("<th>Bayes</th>") }
    for model in models { output.write("<th>\(Markup.escape(data.markedName(model)))</th>") }
    output.write("</tr></thead>\n<tbody>\n")
    for cell in cells {
      output.write("<tr>")
      for value in SummaryTable.values(of: cell, columns: cellColumns) {
        output.write("<td>\(Markup.escape(value))</td>")
      }
      output.write("<td class=\"num\">\(cell.length)</td><td class=\"num\">\(cell.spacing.description)</td>")
      let floor = accuracy[cell]?.values.first?.floor ?? cell.chance
      output.write("<td class=\"num\">\(Markup.decimal(floor, places: 3))</td>")
      if showsBayes { output.write("<td class=\"num bayes\">\(cellHTML(bayes[cell]))</td>") }
      for model in models {
        let row = accuracy[cell]?[model]
        output.write(
          "<td class=\"num\(row?.reachesFloor == true ? " chance" : "")\"\(floorTitle(row))>\(cellHTML(row))"
            + (changed[cell]?[model].map(changedHTML) ?? "") + "</td>")
      }
      output.write("</tr>\n")
    }
    output.write("</tbody>\n</table></div>\n")
  }

  /// The accuracy on changed values under a model's accuracy.
  static func changedHTML(_ row: SummaryRow) -> String {
    "<br><small class=\"changed\" title=\"\(Markup.escape("accuracy_changed: \(row.queries) changed queries"))\">"
      + "changed \(Markup.decimal(row.value, places: Markup.places(for: row.interval)))</small>"
  }

  /// A table cell's tooltip: examples and queries, and what the floor and failure marks mean.
  static func floorTitle(_ row: SummaryRow?) -> String {
    guard let row else { return "" }
    var text = "\(row.model): \(row.examples) examples, \(row.queries) queries"
    if row.reachesFloor { text += "; interval reaches the no-tracking floor \(Markup.decimal(row.floor, places: 4))" }
    if row.failed > 0 { text += "; \(row.failed) of \(row.cellExamples) examples failed or have no result" }
    return " title=\"\(Markup.escape(text))\""
  }
}
