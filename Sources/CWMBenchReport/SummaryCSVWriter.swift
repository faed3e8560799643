import CWMBenchCore
import CWMBenchFamilies
import CWMBenchFormats
import Foundation

/// Writes `summary.csv` (docs/summary-csv.md): the header, then one line per row, locale-free.
///
/// A row's cell is exactly a task-file cell: `family`, then every family's parameter columns
/// (empty where the family has no such parameter), `render`, `length` and `spacing`.
public enum SummaryCSVWriter {
  /// The header line for the families' cell columns `columns`.
  public static func header(columns: [String]) -> String {
    (["model", "family"] + columns + ["render", "length", "spacing"]
      + ["metric", "value", "ci_low", "ci_high", "examples", "queries", "floor", "failed"]).joined(separator: ",")
  }

  /// The header of the built-in families: `model,family,group,n,…,render,length,spacing,metric,…`.
  public static var header: String { header(columns: FamilyRegistry.builtIn.reportColumns) }

  /// Writes the header and `rows` in the contract's order (sorting a copy).
  public static func write(
    _ rows: [SummaryRow], columns: [String] = FamilyRegistry.builtIn.reportColumns,
    to output: inout some TextOutputStream
  ) {
    output.write(header(columns: columns) + "\n")
    for row in rows.sorted(by: SummaryRow.sortsBefore) {
      let fields =
        [quoted(row.model), row.cell.familyName] + columns.map { quoted(row.cell.columns[$0] ?? "") } + [
          row.cell.render.rawValue, String(row.cell.length), row.cell.spacing.description, row.metric.rawValue,
          formatNumber(row.value), formatNumber(row.interval.low), formatNumber(row.interval.high),
          String(row.examples), String(row.queries), formatNumber(row.floor), String(row.failed),
        ]
      output.write(fields.joined(separator: ",") + "\n")
    }
  }

  /// A text field, quoted and kept from running as a formula (see `CSVField`).
  static func quoted(_ field: String) -> String { CSVField.text(field) }
}
