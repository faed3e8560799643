import CWMBenchCore
import CWMBenchFormats
import Foundation

/// Solved train-split examples to show before each question (`eval --few-shot N --few-shot-from TRAIN.jsonl`).
///
/// The train file must be one `generate --split train` wrote for the test file's spec: both
/// manifests are read and compared (same spec apart from its example count, same seed, splits
/// train and test), so eval never imports a generator and never shows a test example. Every
/// cell of the test file must have at least N train examples.
public struct FewShotPool: Sendable {
  /// Shots per question.
  public let count: Int
  /// SHA-256 of the train file, for `run.json`.
  public let sha256: String
  /// The train examples of each test cell, in file order.
  private let byCell: [String: [TaskExample]]

  /// How to write the right train file, for every refusal.
  static let advice = "write the train split of the same spec with 'cwmbench generate SPEC --split train'"

  /// Reads and checks `trainPath` against the test file at `testPath` (whose SHA-256 is `testSHA256`).
  ///
  /// - Complexity: O(size of the train file); only the examples of the test file's cells are kept.
  public init(
    count: Int, trainPath: String, trainDisplay: String, testPath: String, testDisplay: String, testSHA256: String,
    families: FamilyRegistry
  ) throws(EvalError) {
    guard count >= 1 else {
      throw .invalidOption("the value '\(count)' is invalid for '--few-shot': expected at least 1")
    }
    let train = try Self.manifest(besideTaskFile: trainPath, display: trainDisplay)
    let test = try Self.manifest(besideTaskFile: testPath, display: testDisplay)
    func refuse(_ reason: String) -> EvalError {
      .invalidOption("cannot take few-shot examples from '\(trainDisplay)': \(reason); \(Self.advice)")
    }
    guard train["split"]?.stringValue == Split.train.rawValue else {
      throw refuse("its manifest says split '\(train["split"]?.stringValue ?? "?")', not 'train'")
    }
    guard test["sha256"]?.stringValue == testSHA256 else {
      throw .invalidOption("the manifest beside '\(testDisplay)' describes another file; regenerate the test file")
    }
    guard Self.comparableSpec(train) == Self.comparableSpec(test), train["seed"] == test["seed"] else {
      throw refuse("it was generated from another spec or seed than '\(testDisplay)'")
    }
    let digest: String
    do { digest = try SHA256.hexDigest(ofFileAt: trainPath) } catch {
      throw .badTasks("cannot read '\(trainDisplay)': \(error)")
    }
    guard train["sha256"]?.stringValue == digest else {
      throw refuse("the file does not match the SHA-256 its manifest records")
    }
    let cells = Set((test["cells"]?.arrayValue ?? []).compactMap { $0["key"]?.stringValue })
    var byCell: [String: [TaskExample]] = [:]
    do {
      try TaskFileReader.forEachExample(inFileAt: trainPath, families: families) { example, _ in
        if cells.contains(example.params.key) { byCell[example.params.key, default: []].append(example) }
        return true
      }
    } catch {
      throw .badTasks("\(error)")
    }
    if let short = cells.sorted().first(where: { byCell[$0, default: []].count < count }) {
      throw refuse(
        "it has \(byCell[short, default: []].count) examples of cell '\(short)', fewer than --few-shot \(count)")
    }
    self.count = count
    self.sha256 = train["sha256"]?.stringValue ?? ""
    self.byCell = byCell
  }

  /// The shots for `example`: `count` distinct train examples of its cell, drawn by a generator
  /// seeded with the example's id, so a resumed or sharded run shows the same ones. A train
  /// example whose text is the test example's is never drawn.
  ///
  /// - Complexity: O(examples of the cell).
  public func shots(for example: TaskExample) -> [TaskExample] {
    var candidates = (byCell[example.params.key] ?? []).filter { $0.text != example.text }
    var rng = Xoshiro256(seed: stableHash("few-shot/" + example.id))
    rng.shuffle(&candidates)
    return Array(candidates.prefix(count))
  }

  /// The manifest beside a task file, parsed.
  static func manifest(besideTaskFile path: String, display: String) throws(EvalError) -> JSONValue {
    guard let manifestPath = SuiteManifest.path(besideTaskFile: path),
      let data = FileManager.default.contents(atPath: manifestPath)
    else {
      throw .invalidOption(
        "'\(display)' has no manifest beside it, so its spec and split cannot be checked; \(Self.advice)")
    }
    guard let json = try? JSONParser.parse(Array(data)), json.objectValue != nil else {
      throw .badTasks("the manifest beside '\(display)' is not a JSON object")
    }
    return json
  }

  /// A manifest's spec without its example count, which the two splits may set differently.
  static func comparableSpec(_ manifest: JSONValue) -> String {
    guard var spec = manifest["spec"]?.objectValue else { return "" }
    spec["examples"] = nil
    return JSONWriter.encode(.object(spec))
  }
}
