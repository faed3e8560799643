import CWMBenchCore
import CWMBenchFormats

extension ReportBuilder {
  /// Each model's `pfsa` calibration points pooled over the cells it has an `ece` row for (the
  /// cells the report keeps), for the reliability plot; models without any are left out.
  func reliability(
    models: [ModelState], rows: [SummaryRow], cells: [ReportCell]
  ) -> [(model: String, bins: ReliabilityBins)] {
    var kept: [String: Set<ReportCell>] = [:]
    for row in rows where row.metric == .ece { kept[row.model, default: []].insert(row.cell) }
    var result: [(model: String, bins: ReliabilityBins)] = []
    for model in models {
      guard let cellsKept = kept[model.name] else { continue }
      var bins = ReliabilityBins()
      for cell in cells.indices where cellsKept.contains(cells[cell]) {
        if let scores = model.scores[cell] { bins.merge(scores.reliability()) }
      }
      if bins.total > 0 { result.append((model.name, bins)) }
    }
    return result
  }
}
