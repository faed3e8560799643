import CWMBenchCore
import CWMBenchFormats

/// `programs`: real Python programs traced by CPython, in Code World Model's trace format.
public struct ProgramsFamily: TaskFamily {
  /// The family's name.
  public static let name = "programs"

  /// The keys of the family's own parameters (the common ones are `CommonParameter`).
  public enum Key: String, Sendable, CaseIterable {
    case lines, program
  }

  /// How the tracer is found and run.
  public let tracers: TracerConfiguration

  /// The family, with its tracer found as `configuration` says (by default, from the environment).
  public init(tracers: TracerConfiguration = .fromEnvironment()) {
    self.tracers = tracers
  }

  public var name: String { Self.name }

  public var summary: String {
    "real Python programs traced by CPython, in CWM's trace format ('program', render cwm)"
  }

  public var parameterKeys: [String] {
    (Key.allCases.map(\.rawValue) + CommonParameter.allCases.map(\.rawValue)).sorted()
  }

  public var gridKeys: [String] {
    [Key.program, .lines].map(\.rawValue) + [CommonParameter.render, .length, .spacing].map(\.rawValue)
  }

  public func parameters(from source: ParameterSource) throws(TaskFileError) -> any FamilyParameters {
    ProgramsParameters(
      length: try source.length(default: ProgramsParameters.defaultLength), spacing: try source.spacing(),
      program: try source.string(Key.program.rawValue) ?? ProgramsParameters.allPrograms,
      render: try source.render(default: .cwm), lines: try source.choice(Key.lines.rawValue, ProgramLines.self) ?? .all)
  }

  public var parameterHelp: [String: String] {
    [
      Key.program.rawValue: "Programs (programs): names from the corpus, or 'all' (default).",
      Key.lines.rawValue:
        "Executed lines shown (programs): 'all' (default, every line) or 'reveals' (reveal frames only).",
    ]
  }

  public var valueKind: RevealedValueKind { .integers }

  public var reportColumns: [String] { [Key.program, .lines].map(\.rawValue) }

  /// Starts the tracers and checks every cell's `program` against the corpus, before anything is written.
  public func startGeneration(for cells: [CellParameters]) throws -> any GenerationSession {
    let pool = try TracerPool(configuration: tracers)
    do {
      for cell in cells { _ = try ProgramsExampleSource(params: cell, pool: pool) }
    } catch {
      pool.shutdown()
      throw error
    }
    let goesRound = cells.contains { $0.programsParameters.program == ProgramsParameters.allPrograms }
    return Session(pool: pool, goesRound: goesRound)
  }

  /// The tracer pool of one generation run.
  struct Session: GenerationSession {
    let pool: TracerPool
    /// Whether a cell goes round the whole corpus (`program` is `all`).
    let goesRound: Bool

    func source(for cell: CellParameters) throws -> any ExampleSource {
      try ProgramsExampleSource(params: cell, pool: pool)
    }

    /// Each example is a CPython trace (milliseconds), so small batches spread a cell of 40 over
    /// both workers; the output is the same either way.
    var batchSize: Int { 2 }

    func annotate(_ manifest: inout SuiteManifest) {
      manifest.tracer = SuiteManifest.Tracer(
        python: pool.hello.python, implementation: pool.hello.implementation, corpusSHA256: pool.hello.corpusSHA256)
    }

    /// Example `i` traces program `i mod corpus size`, so only a multiple of the corpus size
    /// gives every program the same number of examples in every cell.
    func warnings(examplesPerCell: Int) -> [String] {
      let size = pool.hello.programs.count
      guard goesRound, size > 0, examplesPerCell % size != 0 else { return [] }
      let covered = min(examplesPerCell, size)
      return [
        "programs: \(examplesPerCell) examples per cell is not a multiple of the corpus size \(size); "
          + "each 'all' cell traces \(covered) of the \(size) programs"
          + (examplesPerCell > size ? ", some once more than others" : "")
      ]
    }

    func finish() { pool.shutdown() }
  }

  public func showHeader(of example: TaskExample) -> (leading: [ShowField], trailing: [ShowField]) {
    let parameters = example.params.parameters(as: ProgramsParameters.self)
    let program = example.program ?? parameters?.program ?? "?"
    return (
      [("program", program), ("lines", parameters?.lines.rawValue ?? "?")],
      example.lineEvents.map { [("line events", String($0))] } ?? []
    )
  }

  /// Nothing changed since the name was last shown: every query guesses `..`, CWM's "same as
  /// last shown". A query is one value whose name lies in the text, not in the task line's
  /// structure (the floor reads no text), so no earlier value can be looked up; under
  /// `lines: reveals` nothing is written `..` and this baseline scores nothing.
  public func lastRevealGuesses(for example: TaskExample) -> [String]? {
    Array(repeating: "..", count: example.queries.count)
  }

  /// The frame a reveal shows, after which line event, and the locals of that frame
  /// (`ProgramsFamily+Locals.swift`).
  public func stepThrough(of example: TaskExample) -> StepThrough? {
    let total = example.lineEvents.map { "/" + String($0) } ?? ""
    let locals = Self.frameLocals(of: example)
    let reveals = example.queries.enumerated().map { index, query in
      let frame = locals[index]
      let shown = Self.localName(before: query.start, in: example.text) ?? (frame.count == 1 ? frame[0].name : nil)
      return "reveal \(index + 1)/\(example.queries.count) after line event \(query.step)\(total): "
        + (shown.map { "\($0) shows " } ?? "shows ") + query.answer
    }
    return StepThrough(start: "before the first frame", variableNames: [], reveals: reveals, locals: locals)
  }
}
