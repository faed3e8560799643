import CWMBenchCore
import CWMBenchFormats

/// The parameters of a `strings` cell: how wide the words are, how many variables, which edits.
public struct StringsParameters: FamilyParameters, Hashable {
  /// The number of edits `T` in the trace.
  public var length: Int
  /// How often a variable is revealed.
  public var spacing: Spacing
  /// The letters of each initial word.
  public var width: Int
  /// The number of string variables.
  public var variables: Int
  /// The edit kinds drawn from.
  public var edits: EditSelection
  /// What each variable holds before the first edit.
  public var start: StartKind
  /// How the trace is written as text.
  public var render: RenderKind

  /// The default `width`.
  public static let defaultWidth = 6
  /// The word lengths the shipped word list has.
  public static let wordWidths = 4...12
  /// The default `variables`.
  public static let defaultVariables = 2
  /// The most variables: one letter each.
  public static let maximumVariables = 26

  /// Creates parameters; everything not given takes its default.
  public init(
    length: Int, spacing: Spacing, width: Int = defaultWidth, variables: Int = defaultVariables,
    edits: EditSelection = .mixed, start: StartKind = .word, render: RenderKind = .repl
  ) {
    self.length = length
    self.spacing = spacing
    self.width = width
    self.variables = variables
    self.edits = edits
    self.start = start
    self.render = render
  }

  /// Reveals name one of the string variables.
  public var variableCount: Int { variables }

  /// `strings/w6/v2/mixed/T32/k4`, with the start (`random`) and then the rendering before the
  /// length when not the defaults.
  public var key: String {
    var parts = [StringsFamily.name, "w" + String(width), "v" + String(variables), edits.description]
    if start != .word { parts.append(start.rawValue) }
    if render != .repl { parts.append(render.rawValue) }
    parts += ["T" + String(length), "k" + spacing.description]
    return parts.joined(separator: "/")
  }

  /// Checks the width against the word list, the variables, and edits that need two variables.
  public func validate() throws(GenerationError) {
    typealias Key = StringsFamily.Key
    guard Self.wordWidths.contains(width) else {
      throw .invalidParameter(
        name: Key.width.rawValue, value: String(width),
        expected:
          "an integer from \(Self.wordWidths.lowerBound) to \(Self.wordWidths.upperBound) (the word list's lengths)")
    }
    guard variables >= 1, variables <= Self.maximumVariables else {
      throw .invalidParameter(
        name: Key.variables.rawValue, value: String(variables),
        expected: "an integer from 1 to \(Self.maximumVariables) (one letter each)")
    }
    if variables < 2, let kind = edits.named.first(where: \.needsTwoVariables) {
      throw .invalidParameter(
        name: Key.edits.rawValue, value: edits.description,
        expected: "no '\(kind.rawValue)' with one variable ('\(kind.rawValue)' moves text between two)")
    }
  }

  /// Appends the `params` object, keys sorted.
  public func write(to writer: inout JSONWriter) {
    typealias Key = StringsFamily.Key
    writer.writeKey(Key.edits, first: true)
    writer.writeString(edits.description)
    writer.writeKey(CommonParameter.length)
    writer.writeInt(length)
    writer.writeKey(CommonParameter.render)
    writer.writeString(render.rawValue)
    writer.writeSpacing(spacing)
    writer.writeKey(Key.start)
    writer.writeString(start.rawValue)
    writer.writeKey(Key.variables)
    writer.writeInt(variables)
    writer.writeKey(Key.width)
    writer.writeInt(width)
    writer.writeRaw("}")
  }

  /// `width`, `variables`, `edits` and `start`.
  public var reportValues: [String: String] {
    typealias Key = StringsFamily.Key
    return [
      Key.width.rawValue: String(width), Key.variables.rawValue: String(variables),
      Key.edits.rawValue: edits.description, Key.start.rawValue: start.rawValue,
    ]
  }

  /// Width, variables, edits, start, rendering.
  public var sortKey: [SortComponent] {
    [
      .number(Double(width)), .number(Double(variables)), .text(edits.description), .text(start.rawValue),
      .text(render.rawValue),
    ]
  }

  /// `strings · width=6 · variables=2 · edits=mixed`, then the start and the rendering when not
  /// the defaults.
  public var setting: String {
    var parts = [
      StringsFamily.name, "width=" + String(width), "variables=" + String(variables), "edits=" + edits.description,
    ]
    if start != .word { parts.append("start=" + start.rawValue) }
    if render != .repl { parts.append("render=" + render.rawValue) }
    return parts.joined(separator: " · ")
  }
}

extension CellParameters {
  /// A `strings` cell; everything not given takes its default.
  public static func strings(
    length: Int, spacing: Spacing, width: Int = StringsParameters.defaultWidth,
    variables: Int = StringsParameters.defaultVariables, edits: EditSelection = .mixed, start: StartKind = .word,
    render: RenderKind = .repl
  ) -> CellParameters {
    CellParameters(
      family: StringsFamily(),
      parameters: StringsParameters(
        length: length, spacing: spacing, width: width, variables: variables, edits: edits, start: start,
        render: render))
  }

  /// The parameters of a `strings` cell (a programming error otherwise).
  public var stringsParameters: StringsParameters {
    guard let strings = parameters(as: StringsParameters.self) else {
      preconditionFailure("cell '\(key)' is not a strings cell")
    }
    return strings
  }
}
