import CWMBenchCore
import CWMBenchFormats

/// Writes the report's summary as GitHub-flavoured markdown tables, one per family.
public enum MarkdownSummaryWriter {
  /// Writes a heading, the warnings, and a table per family with each metric and its 95% interval;
  /// an accuracy whose interval reaches the floor says `(at floor)`, one of a cell with more than
  /// 5% of its examples failed `(! n failed)`.
  public static func write(_ data: ReportData, to output: inout some TextOutputStream) {
    output.write("## \(cellText(data.title))\n\n")
    for warning in data.warnings { output.write("> \(cellText(warning))\n") }
    if !data.warnings.isEmpty { output.write("\n") }
    for family in SummaryTable.families(in: data.rows) {
      let columns = SummaryTable.columns(of: family, in: data.rows)
      let table = SummaryTable(rows: data.rows, family: family.name)
      let cellColumns = SummaryTable.cellColumns(of: table.lines.map(\.cell))
      let header = ["model"] + cellColumns + ["T", "k", "floor"] + columns.map { $0.rawValue + " (95% CI)" }
      output.write("### \(family.name)\n\n")
      output.write("| " + header.joined(separator: " | ") + " |\n")
      output.write("|" + header.map { _ in "---" }.joined(separator: "|") + "|\n")
      for line in table.lines {
        var cells =
          [cellText(data.markedName(line.model))]
          + SummaryTable.values(of: line.cell, columns: cellColumns).map(cellText)
        let accuracy = line.metrics[.accuracy]
        cells += [
          String(line.cell.length), line.cell.spacing.description,
          accuracy.map { Markup.decimal($0.floor, places: 3) } ?? "–",
        ]
        cells += columns.map { metric in
          var text = SummaryTable.formatted(line.metrics[metric])
          guard metric == .accuracy, let accuracy else { return text }
          if accuracy.reachesFloor { text += " (at floor)" }
          if accuracy.mostlyFailed { text += " (! \(accuracy.failed) failed)" }
          return text
        }
        output.write("| " + cells.joined(separator: " | ") + " |\n")
      }
      output.write("\n")
    }
  }

  /// Keeps a table cell on one line and its pipes literal: control characters are shown as
  /// escapes (`\r\n` as its four characters), decided on Unicode scalars.
  static func cellText(_ text: String) -> String {
    text.escapingControlCharacters.replacingOccurrences(of: "|", with: "\\|")
  }
}
