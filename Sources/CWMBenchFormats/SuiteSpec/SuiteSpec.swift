import CWMBenchCore

/// A suite spec (docs/suite-spec.md, `Tasks/*.json`): a named grid of cells and how many examples each gets.
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

  /// The parameters a grid or `fixed` block may set, in the order cells are crossed: `family`,
  /// then every family's grid keys, each family's in its own order (`FamilyRegistry.gridOrder`).
  public static func parameterOrder(_ families: FamilyRegistry) -> [String] {
    [TaskExample.Key.family.rawValue] + families.gridOrder
  }

  /// What a suite name may hold: it names files.
  static let nameExpectation = "letters, digits, '-', '_' or '.'"

  /// Whether `name` can name the suite's files: letters, digits, `-`, `_`, `.`, not starting with `.`.
  static func isValidName(_ name: String) -> Bool {
    !name.isEmpty && name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
      && !name.hasPrefix(".")
  }

  /// One axis of a grid: a parameter, its values, and the field or flag they came from.
  public struct Axis: Sendable {
    /// The parameter's key (`group`).
    public var key: String
    /// Its values, as a spec holds them.
    public var values: [JSONValue]
    /// Where they came from, for errors (`grid.group`, `--group`).
    public var field: String

    /// Creates an axis.
    public init(key: String, values: [JSONValue], field: String) {
      self.key = key
      self.values = values
      self.field = field
    }
  }

  /// A spec given as axes rather than a file: the command line's inline grid. Errors name each
  /// axis by its `field` (the flag), and `source`, recorded in the manifest, is the spec a file
  /// would hold.
  public init(
    name: String, seed: UInt64, examples: Int, axes: [Axis], families: FamilyRegistry, origin: String
  ) throws(TaskFileError) {
    let order = Self.parameterOrder(families)
    if let unknown = axes.first(where: { !order.contains($0.key) }) {
      throw .field(
        unknown.field, expected: "a parameter (\(order.joined(separator: ", ")))", got: .array(unknown.values))
    }
    var grid: [String: JSONValue] = [:]
    var source: [String: JSONValue] = [
      Key.name.rawValue: .string(name), Key.seed.rawValue: .int(Int(clamping: seed)),
      Key.examples.rawValue: .int(examples),
    ]
    for axis in axes {
      if axis.key == TaskExample.Key.family.rawValue, axis.values.count == 1 {
        source[Key.family.rawValue] = axis.values[0]
      } else {
        grid[axis.key] = .array(axis.values)
      }
    }
    source[Key.grid.rawValue] = .object(grid)
    self.name = name
    self.seed = seed
    self.source = .object(source)
    self.origin = origin
    self.testExamples = examples
    let ordered = order.compactMap { key in axes.last { $0.key == key } }
    guard Self.isValidName(name) else { throw .field("--name", expected: Self.nameExpectation, got: .string(name)) }
    self.testCells = try Self.cross(ordered, section: ParameterSource.flags, order: order, families: families)
  }

  /// The parameters every cell needs (`length` too, unless its family has a default).
  static let requiredParameters: [String] = [TaskExample.Key.family.rawValue, CommonParameter.spacing.rawValue]

  /// Parses a spec read from `path`; every error names the file and the field.
  public init(json: JSONValue, origin path: String, families: FamilyRegistry) throws(TaskFileError) {
    do {
      try self.init(parsing: json, origin: path, families: families)
    } catch {
      throw error.located(in: path)
    }
  }

  /// Parses a spec without locating its errors in a file: each is `.missing`, `.field` or
  /// `.invalid` with the field's path, for a caller that names fields its own way (the CLI
  /// names the flag an inline grid's field came from).
  public init(parsing json: JSONValue, origin: String, families: FamilyRegistry) throws(TaskFileError) {
    let order = Self.parameterOrder(families)
    guard let object = json.objectValue else { throw .field("", expected: "an object", got: json) }
    if let unknown = object.keys.sorted().first(where: { Key(rawValue: $0) == nil }) {
      throw .field(
        unknown, expected: "one of \(Key.allCases.map(\.rawValue).joined(separator: ", "))", got: object[unknown]!)
    }
    let name = try json.required(Key.name, as: \.stringValue, "a string")
    guard Self.isValidName(name) else {
      throw .field(Key.name.rawValue, expected: Self.nameExpectation, got: .string(name))
    }
    let seedValue = try json.required(Key.seed, as: \.intValue, "an integer")
    guard seedValue >= 0 else {
      throw .field(Key.seed.rawValue, expected: "a non-negative integer", got: .int(seedValue))
    }
    let examples = try json.required(Key.examples, as: \.intValue, "an integer")
    guard examples >= 1, examples <= Self.maximumExamples else {
      throw .field(Key.examples.rawValue, expected: "an integer from 1 to \(Self.maximumExamples)", got: .int(examples))
    }

    let grid = try Self.block(json[Key.grid.rawValue], name: Key.grid.rawValue, order: order)
    let fixed = try Self.block(json[Key.fixed.rawValue], name: Key.fixed.rawValue, order: order)
    var topLevel: [String: JSONValue] = [:]
    if let family = json[Key.family.rawValue] { topLevel[TaskExample.Key.family.rawValue] = family }

    self.name = name
    self.seed = UInt64(seedValue)
    self.source = json
    self.origin = origin
    self.testExamples = examples
    self.testCells = try Self.cross(
      grid: grid, fixed: fixed, topLevel: topLevel, section: Key.grid.rawValue, order: order, families: families)

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
      let trainGrid = try Self.block(train[Key.grid.rawValue], name: section + Key.grid.rawValue, order: order)
      let trainFixed = try Self.block(train[Key.fixed.rawValue], name: section + Key.fixed.rawValue, order: order)
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
        topLevel: topLevel, section: Key.train.rawValue + "." + Key.grid.rawValue, order: order, families: families)
      self.trainExamples = trainExamples
    }
  }

  private static func block(
    _ value: JSONValue?, name: String, order parameterOrder: [String]
  ) throws(TaskFileError) -> [String: JSONValue] {
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
    grid: [String: JSONValue], fixed: [String: JSONValue], topLevel: [String: JSONValue], section: String,
    order parameterOrder: [String], families: FamilyRegistry
  ) throws(TaskFileError) -> [CellParameters] {
    var axes: [Axis] = []
    for key in parameterOrder {
      if let values = grid[key] {
        guard let list = values.arrayValue else {
          axes.append(Axis(key: key, values: [values], field: section + "." + key))
          continue
        }
        guard !list.isEmpty else { throw .field(section + "." + key, expected: "a non-empty array", got: values) }
        axes.append(Axis(key: key, values: list, field: section + "." + key))
      } else if let value = fixed[key] {
        let field = section.replacingOccurrences(of: Key.grid.rawValue, with: Key.fixed.rawValue) + "." + key
        axes.append(Axis(key: key, values: [value], field: field))
      } else if let value = topLevel[key] {
        axes.append(Axis(key: key, values: [value], field: key))
      }
    }
    return try cross(axes, section: section, order: parameterOrder, families: families)
  }

  /// Crosses `axes` (in `parameterOrder`), last axis fastest.
  private static func cross(
    _ axes: [Axis], section: String, order parameterOrder: [String], families: FamilyRegistry
  ) throws(TaskFileError) -> [CellParameters] {
    for required in requiredParameters where !axes.contains(where: { $0.key == required }) {
      throw .missing(ParameterSource.field(of: required, in: section))
    }
    try refuseTooManyCells(axisLengths: axes.map(\.values.count), section: section)

    var cells: [CellParameters] = []
    var seen = Set<String>()
    var choice = [Int](repeating: 0, count: axes.count)
    while true {
      let values = Dictionary(
        uniqueKeysWithValues: axes.indices.map { (axes[$0].key, (axes[$0].values[choice[$0]], axes[$0].field)) })
      if let cell = try makeCell(values, section: section, order: parameterOrder, families: families),
        seen.insert(cell.key).inserted
      {
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
    if cells.isEmpty, let spacing = axes.first(where: { $0.key == CommonParameter.spacing.rawValue }) {
      throw .field(
        spacing.field, expected: "a spacing no longer than some length (every cell of the grid was skipped)",
        got: .array(spacing.values))
    }
    return cells
  }

  /// The cell one combination of the grid's values describes, decoded by its family; nil when its
  /// spacing exceeds its length.
  private static func makeCell(
    _ values: [String: (JSONValue, String)], section: String, order parameterOrder: [String],
    families: FamilyRegistry
  ) throws(TaskFileError) -> CellParameters? {
    let familyName = TaskExample.Key.family.rawValue
    let (familyValue, familyField) = values[familyName]!
    let family = try families.family(familyValue, field: familyField)
    // A parameter of another family is a mistake, not something to ignore.
    for name in parameterOrder.dropFirst() where values[name] != nil && !family.gridKeys.contains(name) {
      throw .field(
        values[name]!.1, expected: "no '\(name)' for \(family.name) (it is not one of its parameters)",
        got: values[name]!.0)
    }
    var entries: [String: ParameterSource.Entry] = [:]
    for (key, entry) in values where key != familyName { entries[key] = (entry.0, entry.1) }
    let source = ParameterSource(entries, strict: false, section: section)
    let cell = CellParameters(family: family, parameters: try family.parameters(from: source))
    if case .every(let k) = cell.spacing, k > cell.length { return nil }
    try source.validate(cell)
    return cell
  }
}
