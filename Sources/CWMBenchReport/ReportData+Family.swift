import CWMBenchCore
import CWMBenchFormats

extension ReportData {
  /// The part of the report about one family, for its section of the page: its rows, reference
  /// rows and pairs, its token points, and the reliability and `since_word` points when the
  /// family has what they plot (posteriors; a `start` column).
  ///
  /// Every model stays listed, so a model keeps its colour in every section's plots.
  ///
  /// - Complexity: O(rows + points).
  func restricted(toFamily family: String) -> ReportData {
    var part = self
    part.rows = rows.filter { $0.cell.familyName == family }
    part.referenceRows = referenceRows.filter { $0.cell.familyName == family }
    part.pairRows = pairRows.filter { $0.cell.familyName == family }
    let hasPosteriors = part.rows.contains { $0.cell.hasPosteriors }
    if !hasPosteriors { part.reliability = [] }
    let hasStart = part.rows.contains { $0.cell.columns["start"] != nil }
    for index in part.models.indices {
      part.models[index].tokenAccuracy = models[index].tokenAccuracy.filter { $0.family == family }
      if !hasStart { part.models[index].sinceWordAccuracy = [] }
    }
    return part
  }
}
