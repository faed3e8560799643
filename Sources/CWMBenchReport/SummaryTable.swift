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
  init(rows: [SummaryRow], family: Family) {
    var lines: [Line] = []
    for row in rows.filter({ $0.cell.family == family }).sorted(by: SummaryRow.sortsBefore) {
      if let last = lines.last, last.model == row.model, last.cell == row.cell {
        lines[lines.count - 1].metrics[row.metric] = row
      } else {
        lines.append(Line(model: row.model, cell: row.cell, metrics: [row.metric: row]))
      }
    }
    self.lines = lines
  }

  /// The metrics shown as columns for `family`.
  static func columns(for family: Family) -> [ReportMetric] {
    family == .pfsa
      ? [.accuracy, .finalAccuracy, .sequenceAccuracy, .bayesAccuracy, .nll, .excessNLL, .tv]
      : [.accuracy, .finalAccuracy, .sequenceAccuracy]
  }

  /// The families present in `rows`, in a fixed order.
  static func families(in rows: [SummaryRow]) -> [Family] {
    Family.allCases.filter { family in rows.contains { $0.cell.family == family } }
  }

  /// A value with its interval, three decimals: `0.812 [0.75, 0.86]`.
  static func formatted(_ row: SummaryRow?) -> String {
    guard let row else { return "–" }
    return Markup.decimal(row.value, places: 3) + " [" + Markup.decimal(row.interval.low, places: 3) + ", "
      + Markup.decimal(row.interval.high, places: 3) + "]"
  }
}
