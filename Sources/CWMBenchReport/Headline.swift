import CWMBenchCore
import CWMBenchFormats
import Foundation

/// One model's headline on one family: its mean accuracy above the no-tracking floor over the
/// family's cells, with a 95% interval (docs/summary-csv.md, "The headline").
///
/// Each cell counts once, whatever its example count, as the suite's grid weighs its cells. The
/// cells' examples are disjoint, so their estimates are independent, and the interval combines
/// the cells' own 95% intervals as independent normal errors: each side of the mean's interval
/// is the root sum of squares of that side's per-cell distances from the estimate, over the cell
/// count (a floor is read from the task file, so it adds no error).
public struct Headline: Sendable, Hashable {
  /// The family, by name.
  public var family: String
  /// The model's display name.
  public var model: String
  /// The cells with an accuracy row for the model.
  public var cells: Int
  /// The mean over cells of `accuracy − floor`.
  public var value: Double
  /// Its 95% interval.
  public var interval: ConfidenceInterval
  /// The mean accuracy over the same cells.
  public var accuracy: Double
  /// The mean floor over the same cells.
  public var floor: Double

  /// Creates a headline.
  public init(
    family: String, model: String, cells: Int, value: Double, interval: ConfidenceInterval, accuracy: Double,
    floor: Double
  ) {
    self.family = family
    self.model = model
    self.cells = cells
    self.value = value
    self.interval = interval
    self.accuracy = accuracy
    self.floor = floor
  }

  /// The headlines of every model and family with accuracy rows: families by name, then models
  /// best first (ties by name), the leaderboard's order.
  ///
  /// - Complexity: O(rows · log rows).
  public static func headlines(of rows: [SummaryRow]) -> [Headline] {
    var groups: [String: [String: [SummaryRow]]] = [:]
    for row in rows where row.metric == .accuracy {
      groups[row.cell.familyName, default: [:]][row.model, default: []].append(row)
    }
    var result: [Headline] = []
    for family in groups.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      let models = groups[family]!.map { model, rows in headline(family: family, model: model, rows: rows) }
      result += models.sorted { lhs, rhs in
        lhs.value != rhs.value ? lhs.value > rhs.value : lhs.model.utf8.lexicographicallyPrecedes(rhs.model.utf8)
      }
    }
    return result
  }

  /// The headline of one model's accuracy rows on one family (cells summed in CSV order, so the
  /// floating-point result does not depend on the rows' order).
  static func headline(family: String, model: String, rows: [SummaryRow]) -> Headline {
    let sorted = rows.sorted { $0.cell < $1.cell }
    let count = Double(sorted.count)
    var (above, accuracy, floor, below2, over2) = (0.0, 0.0, 0.0, 0.0, 0.0)
    for row in sorted {
      above += row.value - row.floor
      accuracy += row.value
      floor += row.floor
      below2 += (row.value - row.interval.low) * (row.value - row.interval.low)
      over2 += (row.interval.high - row.value) * (row.interval.high - row.value)
    }
    let value = above / count
    return Headline(
      family: family, model: model, cells: sorted.count, value: value,
      interval: ConfidenceInterval(low: value - below2.squareRoot() / count, high: value + over2.squareRoot() / count),
      accuracy: accuracy / count, floor: floor / count)
  }
}
