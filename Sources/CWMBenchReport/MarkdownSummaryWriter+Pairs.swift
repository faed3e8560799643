import CWMBenchCore
import CWMBenchFormats

extension MarkdownSummaryWriter {
  /// Writes one table per family of the `accuracy_diff` rows (pair, cell, shared examples,
  /// difference and paired interval); nothing when no two models share a task file.
  static func writePairs(_ data: ReportData, to output: inout some TextOutputStream) {
    for family in SummaryTable.families(in: data.pairRows) {
      let table = SummaryTable(rows: data.pairRows, family: family.name)
      let cellColumns = SummaryTable.cellColumns(of: table.lines.map(\.cell))
      let header = ["pair"] + cellColumns + ["T", "k", "examples", "accuracy_diff (95% CI)"]
      output.write("### \(family.name): paired differences (first minus second)\n\n")
      output.write("| " + header.joined(separator: " | ") + " |\n")
      output.write("|" + header.map { _ in "---" }.joined(separator: "|") + "|\n")
      for line in table.lines {
        guard let row = line.metrics[.accuracyDiff] else { continue }
        let cells =
          [cellText(line.model)] + SummaryTable.values(of: line.cell, columns: cellColumns).map(cellText) + [
            String(line.cell.length), line.cell.spacing.description, String(row.examples),
            SummaryTable.formatted(row),
          ]
        output.write("| " + cells.joined(separator: " | ") + " |\n")
      }
      output.write("\n")
    }
  }
}
