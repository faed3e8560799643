import CWMBenchCore
import CWMBenchFormats

/// `programs`: real Python programs traced by CPython, in Code World Model's trace format.
public struct ProgramsFamily: TaskFamily {
  /// The family's name.
  public static let name = "programs"

  /// The keys of the family's own parameters (the common ones are `CommonParameter`).
  public enum Key: String, Sendable, CaseIterable {
    case program
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
    [Key.program.rawValue] + [CommonParameter.render, .length, .spacing].map(\.rawValue)
  }

  public func parameters(from source: ParameterSource) throws(TaskFileError) -> any FamilyParameters {
    ProgramsParameters(
      length: try source.length(default: ProgramsParameters.defaultLength), spacing: try source.spacing(),
      program: try source.string(Key.program.rawValue) ?? ProgramsParameters.allPrograms,
      render: try source.render(default: .cwm))
  }

  public var parameterHelp: [String: String] {
    [Key.program.rawValue: "Programs (programs): names from the corpus, or 'all' (default)."]
  }

  public var valueKind: RevealedValueKind { .integers }

  public var reportColumns: [String] { [Key.program.rawValue] }

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
    let program = example.program ?? example.params.parameters(as: ProgramsParameters.self)?.program ?? "?"
    return ([("program", program)], example.lineEvents.map { [("line events", String($0))] } ?? [])
  }

  /// Nothing changed since the last frame shown: a locals query repeats the names of the last
  /// locals shown, each written `".."` (CWM's "same as last shown"), and a return value repeats
  /// the last value shown (`"None"` before any). The earlier answers are that text: every query
  /// span lies before the next one.
  public func lastRevealGuesses(for example: TaskExample) -> [String]? {
    var lastNames: [String] = []
    var lastValue = "\"None\""
    var guesses: [String] = []
    guesses.reserveCapacity(example.queries.count)
    for query in example.queries {
      if query.answer.hasPrefix("{") {
        guesses.append("{" + lastNames.map { "\"" + $0 + "\": \"..\"" }.joined(separator: ", ") + "}")
        lastNames = Self.orderedKeys(ofObject: query.answer) ?? []
      } else {
        guesses.append(lastValue)
        lastValue = query.answer
      }
    }
    return guesses
  }

  /// The frame a reveal shows, after which line event.
  public func stepThrough(of example: TaskExample) -> StepThrough? {
    let total = example.lineEvents.map { "/" + String($0) } ?? ""
    let reveals = example.queries.enumerated().map { index, query in
      "reveal \(index + 1)/\(example.queries.count) after line event \(query.step)\(total): shows \(query.answer)"
    }
    return StepThrough(start: "before the first frame", variableNames: [], reveals: reveals)
  }

  /// The keys of a JSON object in the order written (a parsed object would lose the order).
  static func orderedKeys(ofObject text: String) -> [String]? {
    var text = text
    return text.withUTF8 { buffer -> [String]? in
      guard let base = buffer.baseAddress else { return nil }
      var cursor = JSONCursor(base: base, count: buffer.count)
      var keys: [String] = []
      cursor.skipWhitespace()
      guard cursor.i < cursor.end, cursor.p[cursor.i] == 0x7B else { return nil }
      cursor.i += 1
      while true {
        cursor.skipWhitespace()
        guard cursor.i < cursor.end else { return nil }
        if cursor.p[cursor.i] == 0x7D { return keys }
        if cursor.p[cursor.i] == 0x2C { cursor.i += 1 }
        cursor.skipWhitespace()
        guard let key = try? cursor.parseString() else { return nil }
        keys.append(key)
        cursor.skipWhitespace()
        guard cursor.i < cursor.end, cursor.p[cursor.i] == 0x3A else { return nil }
        cursor.i += 1
        cursor.skipWhitespace()
        guard (try? cursor.parseValue(depth: 0)) != nil else { return nil }
      }
    }
  }
}
