import CWMBenchCore
import CWMBenchFormats

extension ReportData {
  /// One warning per model whose results are incomplete, first on the page and on stderr.
  ///
  /// A model's results are incomplete when one of its runs did not end `complete` (`incomplete`,
  /// `aborted`, `interrupted`, or still `running`: killed), or when examples of its task files
  /// failed or have no result; its accuracy is then computed over what is left, which is biased
  /// towards the examples that were easy to answer (often the short ones).
  public var incompleteWarnings: [String] {
    models.filter(\.isIncomplete).map { model in
      var reasons: [String] = []
      for entry in model.unfinishedRuns { reasons.append("run '\(entry.run)' ended '\(entry.status)'") }
      if !model.failed.isEmpty { reasons.append("\(model.failed.count) example(s) failed") }
      if !model.missing.isEmpty { reasons.append("\(model.missing.count) example(s) have no result") }
      let marked = rows.filter { $0.model == model.name && $0.metric == .accuracy && $0.mostlyFailed }.count
      return
        "warning: model '\(model.name)' has incomplete results (\(reasons.joined(separator: "; "))): its accuracy covers only the examples that were answered and may be biased; \(marked) cell(s) with more than 5% of their examples failed are marked '!' (--complete-only leaves cells with failed examples out)"
    }
  }
}
