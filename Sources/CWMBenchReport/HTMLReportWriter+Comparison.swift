import CWMBenchCore
import CWMBenchFormats

extension HTMLReportWriter {
  /// The models side by side: one row per cell, one column per model (accuracy over its 95%
  /// interval), and for `pfsa` the Bayes-optimal accuracy, the ceiling, from the task file.
  ///
  /// - Complexity: O(rows).
  static func writeComparison(
    _ data: ReportData, family: (name: String, hasPosteriors: Bool), to output: inout some TextOutputStream
  ) {
    let models = PlotWriter.modelOrder(data).filter { model in
      data.rows.contains { $0.model == model && $0.cell.familyName == family.name }
    }
    var accuracy: [ReportCell: [String: SummaryRow]] = [:]
    for row in data.rows where row.cell.familyName == family.name && row.metric == .accuracy {
      accuracy[row.cell, default: [:]][row.model] = row
    }
    let bayes = SummaryRow.bayesCeilings(data.rows.filter { $0.cell.familyName == family.name })
    let cells = accuracy.keys.sorted()
    let cellColumns = SummaryTable.cellColumns(of: cells)
    let showsBayes = family.hasPosteriors && !bayes.isEmpty
    output.write("<p class=\"legend\">Accuracy of each model on each cell, with its 95% interval in brackets ")
    output.write("(a bootstrap over examples). <span class=\"swatch chance\"></span> the interval contains chance: ")
    output.write("indistinguishable from guessing there.")
    if showsBayes {
      output.write(
        " <b>Bayes</b>: the accuracy of the Bayes-optimal predictor, from the task file's posteriors, the ceiling.")
    }
    output.write(
      "</p>\n<div class=\"table\"><table class=\"comparison\">\n<thead><tr>")
    for column in cellColumns { output.write("<th>\(Markup.escape(column))</th>") }
    output.write("<th>T</th><th>k</th>")
    if showsBayes { output.write("<th>Bayes</th>") }
    for model in models { output.write("<th>\(Markup.escape(model))</th>") }
    output.write("</tr></thead>\n<tbody>\n")
    for cell in cells {
      output.write("<tr>")
      for value in SummaryTable.values(of: cell, columns: cellColumns) {
        output.write("<td>\(Markup.escape(value))</td>")
      }
      output.write("<td class=\"num\">\(cell.length)</td><td class=\"num\">\(cell.spacing.description)</td>")
      if showsBayes { output.write("<td class=\"num bayes\">\(cellHTML(bayes[cell]))</td>") }
      let chance = cell.chance
      for model in models {
        let row = accuracy[cell]?[model]
        let atChance = row?.interval.contains(chance) ?? false
        let title =
          row.map {
            " title=\"\(Markup.escape(model)): \($0.examples) examples, \($0.queries) queries\(atChance ? "; interval contains chance \(Markup.decimal(chance, places: 4))" : "")\""
          } ?? ""
        output.write("<td class=\"num\(atChance ? " chance" : "")\"\(title)>\(cellHTML(row))</td>")
      }
      output.write("</tr>\n")
    }
    output.write("</tbody>\n</table></div>\n")
  }
}
