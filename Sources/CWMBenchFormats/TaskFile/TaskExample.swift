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
  /// What the line records of its trace besides the text: the state before the first step, or
  /// the program traced. One of its kinds, never two, so an example cannot hold both a shell
  /// game's integers and a program.
  public var structure: ExampleStructure

  /// Creates an example; at most one kind of structure may be given (a programming error otherwise).
  public init(
    id: String, params: CellParameters, text: String, queries: [TaskQuery], initialValues: [Int]? = nil,
    initialStrings: [String]? = nil, program: String? = nil, lineEvents: Int? = nil
  ) {
    let structure = ExampleStructure(
      initialValues: initialValues, initialStrings: initialStrings, program: program, lineEvents: lineEvents)
    precondition(structure != nil, "an example records one kind of structure")
    self.init(id: id, params: params, text: text, queries: queries, structure: structure ?? .none)
  }

  /// Creates an example with its structure.
  public init(id: String, params: CellParameters, text: String, queries: [TaskQuery], structure: ExampleStructure) {
    self.id = id
    self.params = params
    self.text = text
    self.queries = queries
    self.structure = structure
  }

  /// The value each variable holds before the first action (`a` first), when the file records it.
  ///
  /// With each query's `variable` and `values` this is the trace's structure, so baselines and
  /// the report never read it back out of the rendered text.
  public var initialValues: [Int]? {
    get { if case .integers(let values) = structure { values } else { nil } }
    set {
      if let newValue { structure = .integers(newValue) } else if case .integers = structure { structure = .none }
    }
  }

  /// The string each variable holds before the first edit (`strings`; written as `initial`).
  public var initialStrings: [String]? {
    get { if case .strings(let values) = structure { values } else { nil } }
    set {
      if let newValue { structure = .strings(newValue) } else if case .strings = structure { structure = .none }
    }
  }

  /// The program the example traces (`programs`).
  public var program: String? {
    if case .program(let name, _) = structure { name } else { nil }
  }

  /// The trace's actual number of line events (`programs`; `length` is the target).
  public var lineEvents: Int? {
    if case .program(_, let lineEvents) = structure { lineEvents } else { nil }
  }

  /// The task family.
  public var family: any TaskFamily { params.family }
}

/// What a task line records of its trace besides the text (`initial`, or `program` and
/// `line_events`): one kind per example.
public enum ExampleStructure: Sendable, Hashable {
  /// Nothing recorded.
  case none
  /// The integer each variable holds before the first action (`initial`; the shell game).
  case integers([Int])
  /// The string each variable holds before the first edit (`initial`; `strings`).
  case strings([String])
  /// The program traced and its actual number of line events (`program`, `line_events`).
  case program(name: String?, lineEvents: Int?)

  /// The structure the fields of a line describe; nil when they describe two kinds at once.
  public init?(initialValues: [Int]?, initialStrings: [String]?, program: String?, lineEvents: Int?) {
    let hasProgram = program != nil || lineEvents != nil
    switch (initialValues, initialStrings, hasProgram) {
    case (nil, nil, false): self = .none
    case (let values?, nil, false): self = .integers(values)
    case (nil, let strings?, false): self = .strings(strings)
    case (nil, nil, true): self = .program(name: program, lineEvents: lineEvents)
    default: return nil
    }
  }
}

/// What a reveal prints, in print order (written as a query's `values`).
public enum RevealedValues: Sendable, Hashable {
  /// Integers (the shell game).
  case integers([Int])
  /// Strings (`strings`).
  case strings([String])
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
  /// What the reveal prints, in print order (one value for `reveal: one`), when recorded.
  public var revealed: RevealedValues?

  /// The true integers the reveal prints, when recorded.
  public var values: [Int]? {
    get { if case .integers(let values)? = revealed { values } else { nil } }
    set { revealed = newValue.map(RevealedValues.integers) ?? (stringValues.map(RevealedValues.strings)) }
  }

  /// The true strings the reveal prints (`strings`; written as `values`).
  public var stringValues: [String]? {
    get { if case .strings(let values)? = revealed { values } else { nil } }
    set { revealed = newValue.map(RevealedValues.strings) ?? (values.map(RevealedValues.integers)) }
  }

  /// Characters edited since the revealed value last was a word of the list; 0 while it is one (`strings`).
  public var sinceWord: Int?
  /// Whether the answer is what the no-tracking `last-reveal` baseline gives (nothing changed
  /// since that thing was last shown); nil in files written before cwmbench 0.2.0.
  public var copy: Bool?

  /// Creates a query.
  public init(
    start: Int, end: Int, answer: String, step: Int, sinceReveal: Int,
    candidates: [String]?, probs: [Double]?, variable: Int? = nil, values: [Int]? = nil,
    stringValues: [String]? = nil, sinceWord: Int? = nil, copy: Bool? = nil
  ) {
    precondition(values == nil || stringValues == nil, "a reveal prints integers or strings, not both")
    self.revealed = values.map(RevealedValues.integers) ?? stringValues.map(RevealedValues.strings)
    self.sinceWord = sinceWord
    self.copy = copy
    self.variable = variable
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
