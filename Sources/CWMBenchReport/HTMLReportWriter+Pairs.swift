import CWMBenchCore
import CWMBenchFormats

extension HTMLReportWriter {
  /// Writes the paired-differences section: per family, one row per pair of models and cell with
  /// accuracy(A) − accuracy(B) over their shared examples and its paired bootstrap interval; an
  /// interval that excludes 0 is bold. Nothing when no two models share a task file.
  static func writePairs(_ data: ReportData, to output: inout some TextOutputStream) {
    guard !data.pairRows.isEmpty else { return }
    output.write(
      "<h2>Paired differences</h2>\n<p>Accuracy of the first model minus the second on the examples both answered in the same task file, with a 95% paired bootstrap interval over examples; bold where the interval excludes 0.</p>\n"
    )
    for family in SummaryTable.families(in: data.pairRows) {
      let table = SummaryTable(rows: data.pairRows, family: family.name)
      let cellColumns = SummaryTable.cellColumns(of: table.lines.map(\.cell))
      output.write("<h3>\(Markup.escape(family.name))</h3>\n<div class=\"table\"><table>\n<thead><tr><th>pair</th>")
      for column in cellColumns { output.write("<th>\(Markup.escape(column))</th>") }
      output.write("<th>T</th><th>k</th><th>examples</th><th>accuracy_diff</th></tr></thead>\n<tbody>\n")
      for line in table.lines {
        guard let row = line.metrics[.accuracyDiff] else { continue }
        output.write("<tr><td>\(Markup.escape(line.model))</td>")
        for value in SummaryTable.values(of: line.cell, columns: cellColumns) {
          output.write("<td>\(Markup.escape(value))</td>")
        }
        let text = cellHTML(row)
        let excludesZero = row.interval.low > 0 || row.interval.high < 0
        output.write(
          "<td class=\"num\">\(line.cell.length)</td><td class=\"num\">\(line.cell.spacing.description)</td><td class=\"num\">\(row.examples)</td><td class=\"num\">\(excludesZero ? "<b>" + text + "</b>" : text)</td></tr>\n"
        )
      }
      output.write("</tbody>\n</table></div>\n")
    }
  }
}
