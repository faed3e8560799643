import CWMBenchCore

/// One example of a task file (docs/task-file.md): a rendered trace and its queries.
public struct TaskExample: Sendable, Hashable {
  /// Unique in the file and stable across runs.
  public var id: String
  /// The cell the example was drawn from.
  public var params: CellParameters
  /// The rendered trace (ASCII).
  public var text: String
  /// The reveals, in order.
  public var queries: [TaskQuery]
  /// The value each variable holds before the first action (`a` first), when the file records it.
  ///
  /// With each query's `variable` and `values` this is the trace's structure, so baselines and
  /// the report never read it back out of the rendered text.
  public var initialValues: [Int]?
  /// The string each variable holds before the first edit (`strings`; written as `initial`).
  public var initialStrings: [String]?
  /// The program the example traces (`programs`).
  public var program: String?
  /// The trace's actual number of line events (`programs`; `length` is the target).
  public var lineEvents: Int?

  /// Creates an example.
  public init(
    id: String, params: CellParameters, text: String, queries: [TaskQuery], initialValues: [Int]? = nil,
    initialStrings: [String]? = nil, program: String? = nil, lineEvents: Int? = nil
  ) {
    self.id = id
    self.params = params
    self.text = text
    self.queries = queries
    self.initialValues = initialValues
    self.initialStrings = initialStrings
    self.program = program
    self.lineEvents = lineEvents
  }

  /// The task family.
  public var family: any TaskFamily { params.family }
}

/// One reveal of a trace: a span of the text whose content is determined by the state.
public struct TaskQuery: Sendable, Hashable {
  /// Offset of the first character of the answer in the text.
  public var start: Int
  /// Offset one past the answer's last character.
  public var end: Int
  /// `text[start..<end]`.
  public var answer: String
  /// Actions executed before the reveal.
  public var step: Int
  /// Actions since the previous reveal (or since the initial assignments).
  public var sinceReveal: Int
  /// Every answer the reveal could show, in the contract's fixed order; nil when too many.
  public var candidates: [String]?
  /// The Bayes-optimal probability of each candidate (`pfsa` only).
  public var probs: [Double]?
  /// The variable the reveal prints (`reveal: one`); nil when it prints every variable.
  public var variable: Int?
  /// The true values the reveal prints, in print order (one for `reveal: one`), when recorded.
  public var values: [Int]?
  /// The true strings the reveal prints (`strings`; written as `values`).
  public var stringValues: [String]?
  /// Characters edited since the revealed value last was a word of the list; 0 while it is one (`strings`).
  public var sinceWord: Int?

  /// Creates a query.
  public init(
    start: Int, end: Int, answer: String, step: Int, sinceReveal: Int,
    candidates: [String]?, probs: [Double]?, variable: Int? = nil, values: [Int]? = nil,
    stringValues: [String]? = nil, sinceWord: Int? = nil
  ) {
    self.stringValues = stringValues
    self.sinceWord = sinceWord
    self.variable = variable
    self.values = values
    self.start = start
    self.end = end
    self.answer = answer
    self.step = step
    self.sinceReveal = sinceReveal
    self.candidates = candidates
    self.probs = probs
  }
}

extension TaskExample {
  /// How many answers a uniform guess at query `index` chooses between: its candidates, else what
  /// the family counts (n! for an arrangement of the shell game), nil for free-form answers, whose
  /// chance accuracy is 0.
  public func answerCount(ofQuery index: Int) -> Double? {
    if let candidates = queries[index].candidates { return Double(candidates.count) }
    return family.answerCount(of: params)
  }
}
