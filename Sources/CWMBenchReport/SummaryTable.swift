import CWMBenchCore
import CWMBenchFormats

/// `summary.csv` rows pivoted to one line per (model, cell), for the page and markdown tables.
struct SummaryTable {
  /// One line of the table.
  struct Line {
    var model: String
    var cell: ReportCell
    var metrics: [ReportMetric: SummaryRow]
  }

  /// The lines, sorted by model then cell.
  var lines: [Line]

  /// Pivots `rows` of one family.
  init(rows: [SummaryRow], family: String) {
    var lines: [Line] = []
    for row in rows.filter({ $0.cell.familyName == family }).sorted(by: SummaryRow.sortsBefore) {
      if let last = lines.last, last.model == row.model, last.cell == row.cell {
        lines[lines.count - 1].metrics[row.metric] = row
      } else {
        lines.append(Line(model: row.model, cell: row.cell, metrics: [row.metric: row]))
      }
    }
    self.lines = lines
  }

  /// The metrics shown as columns for a family (with Bayes posteriors or without).
  static func columns(hasPosteriors: Bool) -> [ReportMetric] {
    hasPosteriors
      ? [.accuracy, .finalAccuracy, .sequenceAccuracy, .bayesAccuracy, .nll, .excessNLL, .tv]
      : [.accuracy, .finalAccuracy, .sequenceAccuracy]
  }

  /// The metrics shown as columns for `family`: `columns(hasPosteriors:)`, with
  /// `accuracy_changed` after `accuracy` when some row of the family has it (task files of
  /// cwmbench 0.1.0 have no `copy`, so their tables keep the old columns).
  static func columns(of family: (name: String, hasPosteriors: Bool), in rows: [SummaryRow]) -> [ReportMetric] {
    var metrics = columns(hasPosteriors: family.hasPosteriors)
    if rows.contains(where: { $0.metric == .accuracyChanged && $0.cell.familyName == family.name }) {
      metrics.insert(.accuracyChanged, at: 1)
    }
    return metrics
  }

  /// The families present in `rows`, by name, each with whether it has posteriors.
  static func families(in rows: [SummaryRow]) -> [(name: String, hasPosteriors: Bool)] {
    var seen: [String: Bool] = [:]
    for row in rows { seen[row.cell.familyName] = row.cell.hasPosteriors }
    return seen.keys.sorted().map { ($0, seen[$0]!) }
  }

  /// The cell columns a table of `cells` (one family) shows: the family's parameters that some
  /// cell has, then `render` (length and spacing follow as `T` and `k`).
  static func cellColumns(of cells: [ReportCell]) -> [String] {
    guard let family = cells.first?.family else { return [] }
    return family.reportColumns.filter { column in cells.contains { $0.columns[column] != nil } } + ["render"]
  }

  /// A cell's values for `columns` (empty where it has none).
  static func values(of cell: ReportCell, columns: [String]) -> [String] {
    columns.map { $0 == "render" ? cell.render.rawValue : cell.columns[$0] ?? "" }
  }

  /// A value with its interval, three decimals: `0.812 [0.75, 0.86]`.
  static func formatted(_ row: SummaryRow?) -> String {
    guard let row else { return "–" }
    return Markup.decimal(row.value, places: 3) + " [" + Markup.decimal(row.interval.low, places: 3) + ", "
      + Markup.decimal(row.interval.high, places: 3) + "]"
  }
}
