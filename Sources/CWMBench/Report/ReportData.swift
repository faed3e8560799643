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

  /// Creates report data.
  public init(title: String, rows: [SummaryRow], models: [ModelReport]) {
    self.title = title
    self.rows = rows
    self.models = models
  }

  /// Training lengths by model name, for the length plot's markers.
  public var trainLengths: [(model: String, length: Int)] {
    models.compactMap { model in model.trainLength.map { (model.name, $0) } }
  }

  /// Models whose accuracy interval contains the chance level on every cell.
  public var modelsAtChance: [String] {
    let names = Set(rows.map(\.model))
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.filter { name in
      let accuracy = rows.filter { $0.model == name && $0.metric == .accuracy }
      return !accuracy.isEmpty && accuracy.allSatisfy { $0.interval.contains($0.cell.chance) }
    }
  }

  /// The warning lines the report prints to stderr and shows on the page.
  public var warnings: [String] {
    var lines = modelsAtChance.map { name in
      "warning: model '\(name)' scores at chance level on every cell (its 95% accuracy interval contains 1/candidates everywhere)"
    }
    for model in models {
      if !model.missing.isEmpty {
        lines.append(
          "warning: model '\(model.name)' has no result for \(model.missing.count) example(s), e.g. '\(model.missing[0])'")
      }
      if !model.failed.isEmpty {
        lines.append(
          "warning: model '\(model.name)' failed on \(model.failed.count) example(s), e.g. '\(model.failed[0].id)': \(model.failed[0].error)")
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
  /// How many examples of its task files were scored.
  public var scored: Int
  /// Ids of task examples with no result line, in task-file order.
  public var missing: [String]
  /// Examples whose result line carries an error, in task-file order.
  public var failed: [(id: String, error: String)]
  /// The model's worst examples, worst first.
  public var worst: [ExampleRollout]

  /// Creates a model entry.
  public init(
    name: String, trainLength: Int?, runs: [String], scored: Int, missing: [String] = [],
    failed: [(id: String, error: String)] = [], worst: [ExampleRollout] = []
  ) {
    self.name = name
    self.trainLength = trainLength
    self.runs = runs
    self.scored = scored
    self.missing = missing
    self.failed = failed
    self.worst = worst
  }
}

/// One example with a model's answers, for the rollout view.
public struct ExampleRollout: Sendable {
  /// The example from the task file.
  public var example: TaskExample
  /// The model's answer to each query, in order.
  public var results: [QueryResult]
  /// The example's score.
  public var score: ExampleScore

  /// Creates a rollout.
  public init(example: TaskExample, results: [QueryResult]) {
    self.example = example
    self.results = results
    self.score = ExampleScore(example: example, results: results)
  }
}
