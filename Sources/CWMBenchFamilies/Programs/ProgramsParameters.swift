import CWMBenchCore
import CWMBenchFormats

/// The parameters of a `programs` cell: which corpus program (or all of them) and how long.
public struct ProgramsParameters: FamilyParameters, Hashable {
  /// The target number of line events `T`.
  public var length: Int
  /// How often the locals are revealed.
  public var spacing: Spacing
  /// The program every example traces, or `all` to go round the corpus.
  public var program: String
  /// Always `cwm`: the traces are written in Code World Model's format only.
  public var render: RenderKind
  /// Which executed lines are written: every one (`all`), or only the reveal frames.
  public var lines: ProgramLines

  /// The `program` that goes round the whole corpus.
  public static let allPrograms = "all"
  /// The `length` of a cell that names none: enough lines for a few loops.
  public static let defaultLength = 64
  /// The longest trace, in line events (the tracer's limit).
  public static let maximumLength = 20_000

  /// Creates parameters.
  public init(
    length: Int, spacing: Spacing, program: String = allPrograms, render: RenderKind = .cwm, lines: ProgramLines = .all
  ) {
    self.length = length
    self.spacing = spacing
    self.program = program
    self.render = render
    self.lines = lines
  }

  /// Reveals show frames' locals, not named variables.
  public var variableCount: Int { 0 }

  /// `programs/all/T64/k4`, or `programs/all/reveals/T64/k4` under `lines: reveals`.
  public var key: String {
    var parts = [ProgramsFamily.name, program]
    if lines != .all { parts.append(lines.rawValue) }
    parts += ["T" + String(length), "k" + spacing.description]
    return parts.joined(separator: "/")
  }

  /// `programs/all/T64`: every spacing of a length draws the same seeds, so example `i` traces the
  /// same program on the same input in each of them (paired spacing curves, issue 21); only the
  /// rendering differs.
  public var seedKey: String {
    [ProgramsFamily.name, program, "T" + String(length)].joined(separator: "/")
  }

  /// Checks the length against the tracer's limit, the rendering and the program's name.
  public func validate() throws(GenerationError) {
    guard length <= Self.maximumLength else {
      throw .invalidParameter(
        name: CommonParameter.length.rawValue, value: String(length),
        expected: "an integer from 1 to \(Self.maximumLength) for programs (line events)")
    }
    guard render == .cwm else {
      throw .invalidParameter(
        name: CommonParameter.render.rawValue, value: render.rawValue,
        expected: "'cwm' for programs (their traces are written in Code World Model's format only)")
    }
    let allowed = program.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    guard !program.isEmpty, program.count <= 64, allowed else {
      throw .invalidParameter(
        name: ProgramsFamily.Key.program.rawValue, value: program,
        expected: "'\(Self.allPrograms)' or a program name (lowercase letters, digits and '_')")
    }
  }

  /// Appends the `params` object, keys sorted.
  public func write(to writer: inout JSONWriter) {
    writer.writeKey(CommonParameter.length, first: true)
    writer.writeInt(length)
    writer.writeKey(ProgramsFamily.Key.lines)
    writer.writeString(lines.rawValue)
    writer.writeKey(ProgramsFamily.Key.program)
    writer.writeString(program)
    writer.writeKey(CommonParameter.render)
    writer.writeString(render.rawValue)
    writer.writeSpacing(spacing)
    writer.writeRaw("}")
  }

  /// `program` and `lines`.
  public var reportValues: [String: String] {
    [ProgramsFamily.Key.program.rawValue: program, ProgramsFamily.Key.lines.rawValue: lines.rawValue]
  }

  /// The program's name, then `lines` (`all` first).
  public var sortKey: [SortComponent] { [.text(program), .text(lines.rawValue)] }

  /// `programs · program=all · lines=all`.
  public var setting: String {
    [ProgramsFamily.name, "program=" + program, "lines=" + lines.rawValue].joined(separator: " · ")
  }
}

extension CellParameters {
  /// A `programs` cell of the built-in family (its tracer found from the environment).
  public static func programs(
    length: Int, spacing: Spacing, program: String = ProgramsParameters.allPrograms, render: RenderKind = .cwm,
    lines: ProgramLines = .all
  ) -> CellParameters {
    CellParameters(
      family: FamilyRegistry.builtIn.family(named: ProgramsFamily.name) ?? ProgramsFamily(),
      parameters: ProgramsParameters(length: length, spacing: spacing, program: program, render: render, lines: lines))
  }

  /// The parameters of a `programs` cell (a programming error otherwise).
  public var programsParameters: ProgramsParameters {
    guard let programs = parameters(as: ProgramsParameters.self) else {
      preconditionFailure("cell '\(key)' is not a programs cell")
    }
    return programs
  }
}
