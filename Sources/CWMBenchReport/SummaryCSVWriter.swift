import CWMBenchCore
import CWMBenchFormats
import Foundation

/// Writes `summary.csv` (SPEC §6): the fixed header, then one line per row, locale-free.
public enum SummaryCSVWriter {
  /// The header line, exactly as the contract spells it.
  public static let header =
    "model,family,group,n,actions,reveal,hidden,length,spacing,metric,value,ci_low,ci_high,examples,queries"

  /// Writes the header and `rows` in the contract's order (sorting a copy).
  public static func write(_ rows: [SummaryRow], to output: inout some TextOutputStream) {
    output.write(header + "\n")
    for row in rows.sorted(by: SummaryRow.sortsBefore) {
      let fields = [
        quoted(row.model), row.cell.family.rawValue, row.cell.group, String(row.cell.n),
        row.cell.actions, row.cell.reveal, formatNumber(row.cell.hidden),
        String(row.cell.length), row.cell.spacing.description, row.metric.rawValue,
        formatNumber(row.value), formatNumber(row.interval.low), formatNumber(row.interval.high),
        String(row.examples), String(row.queries),
      ]
      output.write(fields.joined(separator: ",") + "\n")
    }
  }

  /// A text field, quoted and kept from running as a formula (see `CSVField`).
  static func quoted(_ field: String) -> String { CSVField.text(field) }
}
