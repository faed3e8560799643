import CWMBenchCore

/// The manifest written beside a task file (SPEC §3).
public struct SuiteManifest: Sendable {
  /// Per-cell counts.
  public struct Cell: Sendable, Hashable {
    /// The cell key (`perm/S5/swap/one/T64/k8`).
    public var key: String
    /// Examples in the cell.
    public var examples: Int
    /// Queries in the cell.
    public var queries: Int

    /// Creates a cell's counts.
    public init(key: String, examples: Int, queries: Int) {
      self.key = key
      self.examples = examples
      self.queries = queries
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
    case cwmbenchVersion = "cwmbench_version"
    case examples
    case examplesPerCell = "examples_per_cell"
    case file
    case formatVersion = "format_version"
    case queries, seed, sha256, spec, split
  }

  /// The keys of one entry of `cells`.
  public enum CellKey: String, Sendable, CaseIterable {
    case examples, key, queries
  }

  /// The manifest as JSON (the writer sorts the keys).
  public var json: JSONValue {
    func object<K: RawRepresentable>(_ pairs: [(K, JSONValue)]) -> JSONValue where K.RawValue == String {
      .object(Dictionary(uniqueKeysWithValues: pairs.map { ($0.0.rawValue, $0.1) }))
    }
    return object([
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
          cells.map {
            object([(CellKey.key, .string($0.key)), (.examples, .int($0.examples)), (.queries, .int($0.queries))])
          })
      ),
      (.file, .string(file)),
      (.sha256, .string(sha256)),
    ])
  }
}
