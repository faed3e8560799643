import CWMBenchCore

/// A suite spec (SPEC §3, `Tasks/*.json`): a named grid of cells and how many examples each gets.
public struct SuiteSpec: Sendable {
  /// The suite's name; output files are `NAME.jsonl` and `NAME.manifest.json`.
  public var name: String
  /// The suite seed every example seed derives from.
  public var seed: UInt64
  /// The spec exactly as given, for the manifest.
  public var source: JSONValue
  /// Where the spec came from, for error messages (`<inline>` for flags).
  public var origin: String

  private var testCells: [CellParameters]
  private var testExamples: Int
  private var trainCells: [CellParameters]?
  private var trainExamples: Int?

  /// The cells of a split, in file order.
  public func cells(for split: Split) throws(TaskFileError) -> [CellParameters] {
    switch split {
    case .test: return testCells
    case .train:
      guard let trainCells else {
        throw .inFile(path: origin, line: nil, reason: "no 'train' block, so it cannot be generated with --split train")
      }
      return trainCells
    }
  }

  /// Examples per cell for a split.
  public func examples(for split: Split) -> Int {
    split == .train ? (trainExamples ?? testExamples) : testExamples
  }

  /// The keys of a suite spec, spelled once.
  public enum Key: String, Sendable, CaseIterable {
    case description, examples, family, fixed, grid, name, seed, train
  }

  /// The most examples a cell may ask for; the output-size estimate bounds the total.
  public static let maximumExamples = 10_000_000

  /// The keys of a spec's `train` block.
  static let trainKeys: [Key] = [.examples, .fixed, .grid]

  /// The parameters a grid or `fixed` block may set, in the order cells are crossed: the task
  /// line's own names for them (`family`, then the keys of `params` but `n`).
  public static let parameterOrder: [String] =
    [TaskExample.Key.family.rawValue]
    + [
      CellParameters.Key.group, .actions, .reveal, .width, .variables, .edits, .program, .render, .maxValue, .hidden,
      .choices, .length, .spacing,
    ].map(\.rawValue)

  /// The parameters every cell needs.
  /// (`length` too, but for `programs`, whose traces default to `defaultProgramLength` line events.)
  static let requiredParameters: [String] =
    [TaskExample.Key.family.rawValue] + [CellParameters.Key.spacing].map(\.rawValue)

  /// Parses a spec read from `path`; every error names the file and the field.
  public init(json: JSONValue, origin path: String) throws(TaskFileError) {
    do {
      try self.init(parsing: json, origin: path)
    } catch {
      throw error.located(in: path)
    }
  }

  /// Parses a spec without locating its errors in a file: each is `.missing`, `.field` or
  /// `.invalid` with the field's path, for a caller that names fields its own way (the CLI
  /// names the flag an inline grid's field came from).
  public init(parsing json: JSONValue, origin: String) throws(TaskFileError) {
    guard let object = json.objectValue else { throw .field("", expected: "an object", got: json) }
    if let unknown = object.keys.sorted().first(where: { Key(rawValue: $0) == nil }) {
      throw .field(
        unknown, expected: "one of \(Key.allCases.map(\.rawValue).joined(separator: ", "))", got: object[unknown]!)
    }
    let name = try json.required(Key.name, as: \.stringValue, "a string")
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }),
      !name.hasPrefix(".")
    else { throw .field(Key.name.rawValue, expected: "letters, digits, '-', '_' or '.'", got: .string(name)) }
    let seedValue = try json.required(Key.seed, as: \.intValue, "an integer")
    guard seedValue >= 0 else {
      throw .field(Key.seed.rawValue, expected: "a non-negative integer", got: .int(seedValue))
    }
    let examples = try json.required(Key.examples, as: \.intValue, "an integer")
    guard examples >= 1, examples <= Self.maximumExamples else {
      throw .field(Key.examples.rawValue, expected: "an integer from 1 to \(Self.maximumExamples)", got: .int(examples))
    }

    let grid = try Self.block(json[Key.grid.rawValue], name: Key.grid.rawValue)
    let fixed = try Self.block(json[Key.fixed.rawValue], name: Key.fixed.rawValue)
    var topLevel: [String: JSONValue] = [:]
    if let family = json[Key.family.rawValue] { topLevel[TaskExample.Key.family.rawValue] = family }

    self.name = name
    self.seed = UInt64(seedValue)
    self.source = json
    self.origin = origin
    self.testExamples = examples
    self.testCells = try Self.cross(grid: grid, fixed: fixed, topLevel: topLevel, section: Key.grid.rawValue)

    if let train = json[Key.train.rawValue] {
      let section = Key.train.rawValue + "."
      guard let trainObject = train.objectValue else {
        throw .field(Key.train.rawValue, expected: "an object", got: train)
      }
      let trainKeys = Self.trainKeys.map(\.rawValue)
      if let unknown = trainObject.keys.sorted().first(where: { !trainKeys.contains($0) }) {
        throw .field(
          section + unknown, expected: "one of \(trainKeys.joined(separator: ", "))", got: trainObject[unknown]!)
      }
      let trainGrid = try Self.block(train[Key.grid.rawValue], name: section + Key.grid.rawValue)
      let trainFixed = try Self.block(train[Key.fixed.rawValue], name: section + Key.fixed.rawValue)
      var trainExamples = examples
      if train[Key.examples.rawValue] != nil {
        trainExamples = try train.required(Key.examples, as: \.intValue, "an integer")
        guard trainExamples >= 1, trainExamples <= Self.maximumExamples else {
          throw .field(
            section + Key.examples.rawValue, expected: "an integer from 1 to \(Self.maximumExamples)",
            got: .int(trainExamples))
        }
      }
      // The train block overrides the test grid key by key, so `{"length": [8, 16]}` keeps
      // the groups and spacings of the test grid.
      self.trainCells = try Self.cross(
        grid: grid.merging(trainGrid) { $1 }, fixed: fixed.merging(trainFixed) { $1 },
        topLevel: topLevel, section: Key.train.rawValue + "." + Key.grid.rawValue)
      self.trainExamples = trainExamples
    }
  }

  private static func block(_ value: JSONValue?, name: String) throws(TaskFileError) -> [String: JSONValue] {
    guard let value else { return [:] }
    guard let object = value.objectValue else { throw .field(name, expected: "an object", got: value) }
    if let unknown = object.keys.sorted().first(where: { !parameterOrder.contains($0) }) {
      throw .field(
        name + "." + unknown, expected: "a parameter (\(parameterOrder.joined(separator: ", ")))",
        got: object[unknown]!)
    }
    return object
  }

  /// Crosses the grid in `parameterOrder`, skipping cells whose spacing exceeds their length and
  /// cells that collapse onto an earlier one (pfsa-only parameters do not split `perm` cells).
  private static func cross(
    grid: [String: JSONValue], fixed: [String: JSONValue], topLevel: [String: JSONValue], section: String
  ) throws(TaskFileError) -> [CellParameters] {
    var axes: [(key: String, values: [JSONValue], field: String)] = []
    for key in parameterOrder {
      if let values = grid[key] {
        guard let list = values.arrayValue else {
          axes.append((key, [values], section + "." + key))
          continue
        }
        guard !list.isEmpty else { throw .field(section + "." + key, expected: "a non-empty array", got: values) }
        axes.append((key, list, section + "." + key))
      } else if let value = fixed[key] {
        axes.append(
          (key, [value], section.replacingOccurrences(of: Key.grid.rawValue, with: Key.fixed.rawValue) + "." + key))
      } else if let value = topLevel[key] {
        axes.append((key, [value], key))
      }
    }
    for required in requiredParameters where !axes.contains(where: { $0.key == required }) {
      throw .missing(section + "." + required)
    }
    try refuseTooManyCells(axisLengths: axes.map(\.values.count), section: section)

    var cells: [CellParameters] = []
    var seen = Set<String>()
    var choice = [Int](repeating: 0, count: axes.count)
    while true {
      let values = Dictionary(
        uniqueKeysWithValues: axes.indices.map { (axes[$0].key, (axes[$0].values[choice[$0]], axes[$0].field)) })
      if let cell = try makeCell(values, section: section), seen.insert(cell.key).inserted {
        cells.append(cell)
      }
      // Odometer over the axes, last axis fastest.
      var axis = axes.count - 1
      while axis >= 0 {
        choice[axis] += 1
        if choice[axis] < axes[axis].values.count { break }
        choice[axis] = 0
        axis -= 1
      }
      if axis < 0 { break }
    }
    // Cells whose spacing exceeds their length are skipped; a grid of nothing but those is a mistake.
    if cells.isEmpty, let spacing = axes.first(where: { $0.key == CellParameters.Key.spacing.rawValue }) {
      throw .field(
        spacing.field, expected: "a spacing no longer than some length (every cell of the grid was skipped)",
        got: .array(spacing.values))
    }
    return cells
  }

  private static func makeCell(
    _ values: [String: (JSONValue, String)], section: String
  ) throws(TaskFileError) -> CellParameters? {
    typealias Key = CellParameters.Key
    func string(_ key: Key) throws(TaskFileError) -> String? {
      guard let (value, field) = values[key.rawValue] else { return nil }
      guard let text = value.stringValue else { throw .field(field, expected: "a string", got: value) }
      return text
    }
    func integer(_ key: Key, minimum: Int) throws(TaskFileError) -> Int? {
      guard let (value, field) = values[key.rawValue] else { return nil }
      guard case .int(let number) = value, number >= minimum else {
        throw .field(field, expected: "an integer ≥ \(minimum)", got: value)
      }
      return number
    }
    func parsed<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws(TaskFileError) -> T?
    where T.RawValue == String {
      guard let (value, field) = values[name] else { return nil }
      guard let raw = value.stringValue else { throw .field(field, expected: "a string", got: value) }
      guard let parsed = T(rawValue: raw) else { throw .field(field, expected: T.valueListing, got: .string(raw)) }
      return parsed
    }

    let family = try parsed(TaskExample.Key.family.rawValue, Family.self)!
    // A parameter of another family is a mistake, not something to ignore.
    let own = Set(CellParameters.keys(of: family).map(\.rawValue))
    for name in parameterOrder.dropFirst() where values[name] != nil && !own.contains(name) {
      throw .field(
        values[name]!.1, expected: "no '\(name)' for \(family.rawValue) (it is not one of its parameters)",
        got: values[name]!.0)
    }
    guard
      let length = try integer(.length, minimum: 1) ?? (family == .programs ? CellParameters.defaultProgramLength : nil)
    else { throw .missing(section + "." + Key.length.rawValue) }
    let spacing: Spacing
    switch values[Key.spacing.rawValue]! {
    case (.string(Spacing.final.description), _): spacing = .final
    case (.int(let k), _) where k >= 1: spacing = .every(k)
    case (let other, let field): throw .field(field, expected: "an integer ≥ 1 or \"final\"", got: other)
    }
    if case .every(let k) = spacing, k > length { return nil }
    let cell: CellParameters
    switch family {
    case .perm, .pfsa:
      guard let (_, groupField) = values[Key.group.rawValue] else {
        throw .missing(section + "." + Key.group.rawValue)
      }
      let groupName = try string(.group)!
      let group: Group
      do { group = try Group(parsing: groupName) } catch { throw .invalid(groupField, error) }
      var hidden = 0.0
      if let (value, field) = values[Key.hidden.rawValue] {
        guard let p = value.doubleValue, p >= 0, p <= 1 else {
          throw .field(field, expected: "a probability from 0 to 1", got: value)
        }
        hidden = p
      }
      cell = CellParameters(
        family: family, group: group, length: length, spacing: spacing,
        actions: try parsed(Key.actions.rawValue, ActionKind.self),
        reveal: try parsed(Key.reveal.rawValue, RevealKind.self) ?? .one,
        maxValue: try integer(.maxValue, minimum: 1),
        hidden: hidden,
        choices: try integer(.choices, minimum: 0) ?? 2,
        render: try parsed(Key.render.rawValue, RenderKind.self) ?? .repl)
    case .strings:
      var edits = EditSelection.mixed
      if let name = try string(.edits) {
        do { edits = try EditSelection(parsing: name) } catch { throw .invalid(values[Key.edits.rawValue]!.1, error) }
      }
      cell = .strings(
        length: length, spacing: spacing, width: try integer(.width, minimum: 0) ?? CellParameters.defaultWidth,
        variables: try integer(.variables, minimum: 0) ?? CellParameters.defaultVariables, edits: edits,
        render: try parsed(Key.render.rawValue, RenderKind.self) ?? .repl)
    case .programs:
      cell = .programs(
        length: length, spacing: spacing, program: try string(.program) ?? CellParameters.allPrograms,
        render: try parsed(Key.render.rawValue, RenderKind.self) ?? .cwm)
    }
    do {
      try cell.validate()
    } catch {
      let parameter: String
      switch error {
      case .invalidParameter(let name, _, _): parameter = name
      case .actionsNotInGroup: parameter = Key.actions.rawValue
      case .unknownGroup: parameter = Key.group.rawValue
      }
      throw .invalid(values[parameter]?.1 ?? parameter, error)
    }
    return cell
  }
}
