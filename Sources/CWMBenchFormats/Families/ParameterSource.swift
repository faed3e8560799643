import CWMBenchCore

/// The raw values of one cell's parameters, wherever they came from, for a family's one decoder.
///
/// A task line's `params` object is read strictly (every key the family writes, no defaults);
/// a suite spec's cell and the command line's flags leniently (absent keys take the family's
/// defaults). Each value carries the name of the field it came from (`grid.width`, `--width`,
/// `width`), so errors name it without being mapped back.
public struct ParameterSource: Sendable {
  /// A value and the field it came from.
  public typealias Entry = (value: JSONValue, field: String)

  private let entries: [String: Entry]
  /// Whether every key must be present (a task line): no defaults.
  public let isStrict: Bool
  /// Where a missing key is reported (`grid.group`, `params.group`).
  private let section: String

  /// A source whose keys map to values and fields; `section` prefixes missing keys' names.
  public init(_ entries: [String: Entry], strict: Bool, section: String = "") {
    self.entries = entries
    self.isStrict = strict
    self.section = section
  }

  /// A task line's `params` object, read strictly; fields are the keys themselves.
  public init(taskLine object: [String: JSONValue]) {
    var entries: [String: Entry] = [:]
    for (key, value) in object { entries[key] = (value, key) }
    self.init(entries, strict: true)
  }

  /// The field a key's value came from, or the key in its section when absent.
  public func field(of key: String) -> String { entries[key]?.field ?? Self.field(of: key, in: section) }

  /// The section of values given as command-line flags: a missing key is named as its flag.
  public static let flags = "--"

  /// How a key absent from `section` is named: `grid.group`, or `--max-value` for flags.
  public static func field(of key: String, in section: String) -> String {
    if section == flags { return flags + key.replacingOccurrences(of: "_", with: "-") }
    return section.isEmpty ? key : section + "." + key
  }

  private func entry(_ key: String) throws(TaskFileError) -> Entry? {
    if let entry = entries[key] { return entry }
    if isStrict { throw .missing(field(of: key)) }
    return nil
  }

  /// A required value: missing is an error even when lenient.
  public func required<T>(_ key: String, _ read: (String) throws(TaskFileError) -> T?) throws(TaskFileError) -> T {
    guard let value = try read(key) else { throw .missing(field(of: key)) }
    return value
  }

  /// A string, or nil when absent (lenient).
  public func string(_ key: String) throws(TaskFileError) -> String? {
    guard let (value, field) = try entry(key) else { return nil }
    guard let text = value.stringValue else { throw .field(field, expected: "a string", got: value) }
    return text
  }

  /// An integer, or nil when absent (lenient). A spec or flag value must be at least `minimum`;
  /// a task line's is read as written (its cell is validated where that matters).
  public func integer(_ key: String, minimum: Int = .min) throws(TaskFileError) -> Int? {
    guard let (value, field) = try entry(key) else { return nil }
    if isStrict {
      guard let number = value.intValue else { throw .field(field, expected: "an integer", got: value) }
      return number
    }
    guard case .int(let number) = value, number >= minimum else {
      throw .field(field, expected: minimum == .min ? "an integer" : "an integer ≥ \(minimum)", got: value)
    }
    return number
  }

  /// A number, or nil when absent (lenient); a spec or flag value must lie in `range`.
  public func number(_ key: String, in range: ClosedRange<Double>, expected: String) throws(TaskFileError) -> Double? {
    guard let (value, field) = try entry(key) else { return nil }
    guard let number = value.doubleValue else {
      throw .field(field, expected: isStrict ? "a number" : expected, got: value)
    }
    guard isStrict || range.contains(number) else { throw .field(field, expected: expected, got: value) }
    return number
  }

  /// A case of an enumeration spelled by its raw value, or nil when absent (lenient).
  public func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(TaskFileError) -> T?
  where T.RawValue == String {
    guard let raw = try string(key) else { return nil }
    guard let parsed = T(rawValue: raw) else {
      throw .field(field(of: key), expected: T.valueListing, got: .string(raw))
    }
    return parsed
  }

  /// A value parsed by `parse`, whose error is wrapped with the field, or nil when absent (lenient).
  public func parsed<T>(_ key: String, _ parse: (String) throws(GenerationError) -> T) throws(TaskFileError) -> T? {
    guard let raw = try string(key) else { return nil }
    do { return try parse(raw) } catch { throw .invalid(field(of: key), error) }
  }

  /// The spacing every family has: an integer ≥ 1 or `"final"`; required.
  public func spacing() throws(TaskFileError) -> Spacing {
    guard let (value, field) = entries[CommonParameter.spacing.rawValue] else {
      throw .missing(field(of: CommonParameter.spacing.rawValue))
    }
    guard let spacing = Spacing(json: value) else {
      throw .field(field, expected: "an integer ≥ 1 or \"final\"", got: value)
    }
    return spacing
  }

  /// The trace length every family has: an integer ≥ 1, `defaultValue` when absent and lenient.
  public func length(default defaultValue: Int? = nil) throws(TaskFileError) -> Int {
    if let length = try integer(CommonParameter.length.rawValue, minimum: 1) { return length }
    guard let defaultValue else { throw .missing(field(of: CommonParameter.length.rawValue)) }
    return defaultValue
  }

  /// The rendering every family has, `defaultValue` when absent and lenient.
  public func render(default defaultValue: RenderKind) throws(TaskFileError) -> RenderKind {
    try choice(CommonParameter.render.rawValue, RenderKind.self) ?? defaultValue
  }

  /// Validates a decoded cell, naming the field of the offending parameter.
  public func validate(_ cell: CellParameters) throws(TaskFileError) {
    do {
      try cell.validate()
    } catch {
      throw .invalid(field(of: error.parameterName), error)
    }
  }
}
