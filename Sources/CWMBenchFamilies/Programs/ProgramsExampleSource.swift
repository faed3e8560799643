import CWMBenchCore
import CWMBenchFormats

/// The examples of one `programs` cell: corpus programs traced by CPython, rendered in CWM's format.
///
/// Example `i` traces `programs[i % count]` (name order) when the cell's `program` is `all`,
/// else the named program; the input is drawn from the example's seed and scaled to about
/// `length` line events. The seed comes from the cell's `seedKey`, which leaves out the
/// spacing, so example `i` is the same program on the same input at every spacing (paired), and
/// `examples` a multiple of the corpus size traces every program equally often in every cell.
/// Ids are `KEY/PROGRAM/INDEX`.
public struct ProgramsExampleSource: ExampleSource {
  /// The cell.
  public let params: CellParameters
  private let pool: TracerPool
  private let programs: [String]
  private let renderer: ProgramRenderer

  /// Creates the source, checking the cell's `program` against the tracer's corpus.
  public init(params: CellParameters, pool: TracerPool) throws(GenerationError) {
    self.params = params
    self.pool = pool
    self.renderer = ProgramRenderer(spacing: params.spacing, lines: params.programsParameters.lines)
    let program = params.programsParameters.program
    if program == ProgramsParameters.allPrograms {
      programs = pool.hello.programs
    } else if pool.hello.programs.contains(program) {
      programs = [program]
    } else {
      throw .invalidParameter(
        name: ProgramsFamily.Key.program.rawValue, value: program,
        expected: "'\(ProgramsParameters.allPrograms)' or one of the \(pool.hello.programs.count) corpus programs: "
          + pool.hello.programs.joined(separator: ", "))
    }
  }

  /// The program example `index` traces.
  public func program(index: Int) -> String { programs[index % programs.count] }

  public func example(index: Int, seed: UInt64) throws -> TaskExample {
    let name = program(index: index)
    return try example(from: pool.trace(program: name, seed: seed, length: params.length), index: index, seed: seed)
  }

  /// Renders an already traced program as example `index`.
  public func example(from trace: ProgramTrace, index: Int, seed: UInt64) throws(GenerationFailure) -> TaskExample {
    // Task texts are ASCII (offsets are bytes); locals are escaped, but the source is copied.
    guard trace.context.allSatisfy({ $0 < 0x80 }) else {
      throw GenerationFailure(
        reason: "programs: program '\(trace.program)' (seed \(seed)) has non-ASCII source; task texts are ASCII")
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(trace.context.count * 2 + trace.events.count * 64)
    let rendered = renderer.render(trace, into: &bytes)
    var queries: [TaskQuery] = []
    queries.reserveCapacity(rendered.count)
    var previous = 0
    for query in rendered {
      queries.append(
        TaskQuery(
          start: query.span.lowerBound, end: query.span.upperBound,
          answer: String(decoding: bytes[query.span], as: UTF8.self), step: query.step,
          sinceReveal: query.step - previous, candidates: nil, probs: nil))
      previous = query.step
    }
    return TaskExample(
      id: params.key + "/" + trace.program + "/" + String(index), params: params,
      text: String(decoding: bytes, as: UTF8.self), queries: queries, program: trace.program,
      lineEvents: trace.lineEvents)
  }
}
