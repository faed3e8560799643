import CWMBenchCore
import CWMBenchFamilies
import CWMBenchFormats
import Foundation

/// Everything a report shows, gathered in memory: rows, per-model bookkeeping, worst examples.
///
/// The writers (`SummaryCSVWriter`, `PlotWriter`, `HTMLReportWriter`, `MarkdownSummaryWriter`)
/// render from this value only, so they can be tested without touching the file system.
public struct ReportData: Sendable {
  /// The page title.
  public var title: String
  /// Every `summary.csv` row, in any order.
  public var rows: [SummaryRow]
  /// One entry per model, sorted by name.
  public var models: [ModelReport]
  /// The families' cell columns of `summary.csv`, in order (`FamilyRegistry.reportColumns`).
  public var cellColumns: [String]
  /// Warnings about the runs themselves (different models under one name), shown first.
  public var runWarnings: [String] = []
  /// The `accuracy_diff` rows of pairs of models on shared examples (`ReportBuilder+Pairs.swift`).
  public var pairRows: [SummaryRow] = []
  /// Per model with `pfsa` calibration points, its points pooled by confidence bin.
  public var reliability: [(model: String, bins: ReliabilityBins)] = []
  /// Published rows drawn beside the measured ones (`report --reference`); never in `summary.csv`.
  public var referenceRows: [SummaryRow] = []
  /// What the report wrote into `samples/` for the page's sample browser (`.none`: no folder).
  public var samples: SampleLimit = .none
  /// The models of `referenceRows`, drawn dashed.
  public var referenceModels: [String] {
    var names: [String] = []
    for row in referenceRows where !names.contains(row.model) { names.append(row.model) }
    return names
  }

  /// Creates report data; `cellColumns` are the families' report columns.
  public init(
    title: String, rows: [SummaryRow], models: [ModelReport],
    cellColumns: [String] = FamilyRegistry.builtIn.reportColumns
  ) {
    self.title = title
    self.rows = rows
    self.models = models
    self.cellColumns = cellColumns
  }

  /// Whether some model's results carry token counts (then `accuracy_vs_tokens.svg` is written).
  public var hasTokenCounts: Bool { models.contains { !$0.tokenAccuracy.isEmpty } }

  /// Whether some model has queries with `since_word` (then the `strings` plots are written).
  public var hasSinceWord: Bool { models.contains { !$0.sinceWordAccuracy.isEmpty } }

  /// Training lengths by model name, for the length plot's markers.
  public var trainLengths: [(model: String, length: Int)] {
    models.compactMap { model in model.trainLength.map { (model.name, $0) } }
  }

  /// Models whose accuracy is indistinguishable from the no-tracking floor on every cell.
  ///
  /// A model at the floor still lands above it by luck on about 2.5% of cells (the upper tail
  /// of each 95% interval), so with many cells "every interval reaches the floor" would almost
  /// never hold. A model is flagged when the number of cells whose accuracy interval lies wholly
  /// above the floor (`SummaryRow.reachesFloor` false) is no more than luck explains: at most the
  /// 95th percentile of Binomial(cells, 0.025). With one cell this is exactly "its interval
  /// reaches the floor".
  public var modelsAtFloor: [(model: String, aboveFloor: Int, cells: Int)] {
    let names = Set(rows.map(\.model)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return names.compactMap { name in
      let accuracy = rows.filter { $0.model == name && $0.metric == .accuracy }
      guard !accuracy.isEmpty else { return nil }
      let above = accuracy.filter { !$0.reachesFloor }.count
      // Luck lifts a floor-level model above the floor only where the floor is above 0 (a model
      // that tracks nothing on free-form answers with no last-reveal hits never leaves 0).
      let luckyCells = ReportData.luckyCells(outOf: accuracy.filter { $0.floor > 0 }.count)
      guard above <= luckyCells else { return nil }
      return (name, above, accuracy.count)
    }
  }

  /// The display name of model `name`, marked `(incomplete)` when its results are.
  public func markedName(_ name: String) -> String {
    models.first { $0.name == name }?.markedName ?? name
  }

  /// The 95th percentile of Binomial(`cells`, 0.025): cells a chance-level model beats chance on by luck.
  static func luckyCells(outOf cells: Int) -> Int {
    let p = 0.025
    var probability = pow(1 - p, Double(cells))  // P(X = 0)
    var cumulative = probability
    var k = 0
    while cumulative < 0.95, k < cells {
      probability *= Double(cells - k) / Double(k + 1) * p / (1 - p)
      k += 1
      cumulative += probability
    }
    return k
  }

  /// The warning lines the report prints to stderr and shows on the page.
  public var warnings: [String] {
    // Empty tables with exit 0 read as success; say why they are empty.
    var lines = runWarnings
    lines += incompleteWarnings
    if rows.isEmpty {
      lines.append(
        "warning: no results to report: the run folders hold no scored result lines, so every table is empty")
    }
    lines += modelsAtFloor.map { entry in
      "warning: model '\(entry.model)' scores at or below the no-tracking floor on every cell (its 95% accuracy interval is above the floor on only \(entry.aboveFloor) of \(entry.cells) cells, no more than luck explains)"
    }
    for model in models {
      if !model.missing.isEmpty {
        lines.append(
          "warning: model '\(model.name)' has no result for \(model.missing.count) example(s), e.g. '\(model.missing[0])'"
        )
      }
      if !model.failed.isEmpty {
        lines.append(
          "warning: model '\(model.name)' failed on \(model.failed.count) example(s), e.g. '\(model.failed[0].id)': \(model.failed[0].error)"
        )
      }
    }
    return lines
  }
}

/// What one model contributed to a report.
public struct ModelReport: Sendable {
  /// The display name.
  public var name: String
  /// The training length, when the adapter, `run.json` or `--train-length` gave one.
  public var trainLength: Int?
  /// The run folders the model's results came from.
  public var runs: [String]
  /// The model's runs whose `run.json` status is not `complete`, with that status.
  public var unfinishedRuns: [(run: String, status: String)]
  /// How many examples of its task files were scored.
  public var scored: Int
  /// Ids of task examples with no result line, in task-file order.
  public var missing: [String]
  /// Examples whose result line carries an error, in task-file order.
  public var failed: [(id: String, error: String)]
  /// The model's worst examples, worst first.
  public var worst: [ExampleRollout]
  /// Accuracy by the answer's token count, when its results carry `tokens`.
  public var tokenAccuracy: [TokenAccuracy]
  /// Accuracy of the queries with `since_word` (`strings`) by spacing, copy, start and
  /// `since_word` or token count.
  public var sinceWordAccuracy: [SinceWordAccuracy]

  /// Creates a model entry.
  public init(
    name: String, trainLength: Int?, runs: [String], unfinishedRuns: [(run: String, status: String)] = [],
    scored: Int, missing: [String] = [],
    failed: [(id: String, error: String)] = [], worst: [ExampleRollout] = [], tokenAccuracy: [TokenAccuracy] = [],
    sinceWordAccuracy: [SinceWordAccuracy] = []
  ) {
    self.tokenAccuracy = tokenAccuracy
    self.sinceWordAccuracy = sinceWordAccuracy
    self.name = name
    self.trainLength = trainLength
    self.runs = runs
    self.unfinishedRuns = unfinishedRuns
    self.scored = scored
    self.missing = missing
    self.failed = failed
    self.worst = worst
  }

  /// Whether the model's results are incomplete: a run not `complete`, or examples failed or missing.
  public var isIncomplete: Bool { !unfinishedRuns.isEmpty || !missing.isEmpty || !failed.isEmpty }

  /// The model's name with an `(incomplete)` mark when its results are, for tables and legends.
  public var markedName: String { isIncomplete ? name + " (incomplete)" : name }
}

/// One example with a model's answers, for the rollout view.
public struct ExampleRollout: Sendable {
  /// The example from the task file.
  public var example: TaskExample
  /// The model's answer to each query, in order.
  public var results: [QueryResult]
  /// The example's score.
  public var score: ExampleScore
  /// The true state after each action (`length` entries of n values, each as Python shows it:
  /// `4`, `'kitten'`), when it is known.
  public var states: [[String]]?

  /// Creates a rollout.
  public init(example: TaskExample, results: [QueryResult]) {
    self.example = example
    self.results = results
    self.score = ExampleScore(example: example, results: results)
  }
}
