import CWMBenchCore

/// The manifest written beside a task file (docs/manifest.md).
public struct SuiteManifest: Sendable {
  /// Per-cell counts.
  public struct Cell: Sendable, Hashable {
    /// The cell key (`perm/S5/swap/one/T64/k8`).
    public var key: String
    /// Examples in the cell.
    public var examples: Int
    /// Queries in the cell.
    public var queries: Int
    /// The corpus programs the cell's examples traced, sorted, each once; nil (and not written)
    /// for cells of families without programs.
    public var programs: [String]?

    /// Creates a cell's counts.
    public init(key: String, examples: Int, queries: Int, programs: [String]? = nil) {
      self.key = key
      self.examples = examples
      self.queries = queries
      self.programs = programs
    }
  }

  /// The suite spec exactly as given.
  public var spec: JSONValue
  /// The split generated.
  public var split: Split
  /// The suite seed used (the spec's or `--seed`).
  public var seed: UInt64
  /// Examples per cell.
  public var examplesPerCell: Int
  /// Cells in file order.
  public var cells: [Cell]
  /// The task file's name, relative to the manifest.
  public var file: String
  /// SHA-256 of the task file, hex.
  public var sha256: String
  /// The Python that traced the suite's `programs` cells; nil (and not written) without them.
  public var tracer: Tracer?

  /// What traced a suite's programs: outputs are byte-identical only for one Python version.
  public struct Tracer: Sendable, Hashable {
    /// `platform.python_version()`, e.g. `3.11.7`.
    public var python: String
    /// `platform.python_implementation()`, e.g. `CPython`.
    public var implementation: String
    /// SHA-256 over the corpus files, as the tracer computes it, hex.
    public var corpusSHA256: String

    /// Creates the record.
    public init(python: String, implementation: String, corpusSHA256: String) {
      self.python = python
      self.implementation = implementation
      self.corpusSHA256 = corpusSHA256
    }
  }

  /// Creates a manifest.
  public init(
    spec: JSONValue, split: Split, seed: UInt64, examplesPerCell: Int, cells: [Cell], file: String, sha256: String
  ) {
    self.spec = spec
    self.split = split
    self.seed = seed
    self.examplesPerCell = examplesPerCell
    self.cells = cells
    self.file = file
    self.sha256 = sha256
  }

  /// The file names of suite `name`: its task file and, beside it, its manifest.
  public static func fileNames(ofSuite name: String) -> (tasks: String, manifest: String) {
    (name + ".jsonl", name + ".manifest.json")
  }

  /// The manifest beside the task file at `path` (`NAME.jsonl` → `NAME.manifest.json`), if it is one.
  public static func path(besideTaskFile path: String) -> String? {
    guard path.hasSuffix(".jsonl") else { return nil }
    return String(path.dropLast(".jsonl".count)) + ".manifest.json"
  }

  /// The keys of a manifest, spelled once.
  public enum Key: String, Sendable, CaseIterable {
    case cells
    case corpusSHA256 = "corpus_sha256"
    case cwmbenchVersion = "cwmbench_version"
    case examples
    case examplesPerCell = "examples_per_cell"
    case file
    case formatVersion = "format_version"
    case implementation, python
    case queries, seed, sha256, spec, split
  }

  /// The keys of one entry of `cells`.
  public enum CellKey: String, Sendable, CaseIterable {
    case examples, key, programs, queries
  }

  /// The manifest as JSON (the writer sorts the keys).
  public var json: JSONValue {
    func object<K: RawRepresentable>(_ pairs: [(K, JSONValue)]) -> JSONValue where K.RawValue == String {
      .object(Dictionary(uniqueKeysWithValues: pairs.map { ($0.0.rawValue, $0.1) }))
    }
    var pairs: [(Key, JSONValue)] = [
      (Key.cwmbenchVersion, .string(cwmbenchVersion)),
      (.formatVersion, .string(formatVersion)),
      (.spec, spec),
      (.split, .string(split.rawValue)),
      (.seed, .int(Int(truncatingIfNeeded: seed))),
      (.examplesPerCell, .int(examplesPerCell)),
      (.examples, .int(cells.reduce(0) { $0 + $1.examples })),
      (.queries, .int(cells.reduce(0) { $0 + $1.queries })),
      (
        .cells,
        .array(
          cells.map { cell in
            var fields: [(CellKey, JSONValue)] = [
              (.key, .string(cell.key)), (.examples, .int(cell.examples)), (.queries, .int(cell.queries)),
            ]
            if let programs = cell.programs { fields.append((.programs, .array(programs.map { .string($0) }))) }
            return object(fields)
          })
      ),
      (.file, .string(file)),
      (.sha256, .string(sha256)),
    ]
    if let tracer {
      pairs += [
        (.python, .string(tracer.python)), (.implementation, .string(tracer.implementation)),
        (.corpusSHA256, .string(tracer.corpusSHA256)),
      ]
    }
    return object(pairs)
  }
}
