import CWMBenchCore
import CWMBenchFamilies
import CWMBenchFormats
import Foundation

/// Writes a suite's task file and manifest (docs/manifest.md), streaming, in parallel, deterministically.
///
/// It knows no family: each cell's family (from the spec, decoded with a `FamilyRegistry`)
/// starts a `GenerationSession` and makes the cell's examples.
public struct SuiteGenerator: Sendable {
  /// The suite.
  public let spec: SuiteSpec
  /// Which split to generate.
  public let split: Split
  /// Worker threads; output is identical for every value.
  public let jobs: Int
  /// Examples per cell, overriding the spec's when set.
  public let examplesOverride: Int?
  /// Suite seed, overriding the spec's when set.
  public let seedOverride: UInt64?

  /// Creates a generator; the spec's cells carry their families.
  public init(spec: SuiteSpec, split: Split, jobs: Int, examples: Int? = nil, seed: UInt64? = nil) {
    self.spec = spec
    self.split = split
    self.jobs = max(1, jobs)
    self.examplesOverride = examples
    self.seedOverride = seed
  }

  /// What was written.
  public struct Summary: Sendable {
    /// The task file's path.
    public var tasksPath: String
    /// The manifest's path.
    public var manifestPath: String
    /// Examples written.
    public var examples: Int
    /// Queries written.
    public var queries: Int
    /// Bytes of JSONL written.
    public var bytes: Int
    /// SHA-256 of the task file, hex.
    public var sha256: String
    /// One-line warnings the families gave about this run (`generate` prints them on stderr).
    public var warnings: [String] = []
  }

  /// The bytes the task file will have, estimated from the first example of each cell.
  ///
  /// Examples of one cell differ only in their drawn values, so one of each, times the cell's
  /// count, is close (within a few percent) at the cost of one example per cell. The estimate
  /// stops as soon as it passes `limit`, after `cells` of them (the bytes are then a lower
  /// bound above it): a grid of long traces far over the limit is refused in the time of its
  /// first few cells. Throws `GenerationInterrupted` on Ctrl-C, checked between cells.
  ///
  /// - Complexity: O(cells × length).
  public func estimatedBytes(stoppingAbove limit: Int = .max) throws -> (bytes: Int, cells: Int) {
    let cells = try spec.cells(for: split)
    let perCell = examplesOverride ?? spec.examples(for: split)
    let seed = seedOverride ?? spec.seed
    let sessions = try Sessions(cells: cells)
    defer { sessions.finish() }
    var total = 0
    var estimated = 0
    for (number, cell) in cells.enumerated() {
      if Cancellation.isRequested { throw GenerationInterrupted() }
      var example = try sessions.source(forCell: number, cells).example(
        index: 0, seed: ExampleSeed.make(suiteSeed: seed, split: split, cellKey: cell.seedKey, index: 0))
      example.recordCopies()
      var writer = JSONWriter()
      example.write(to: &writer)
      let (bytes, overflow) = (writer.bytes.count + 1).multipliedReportingOverflow(by: perCell)
      total = overflow ? .max : total.addingReportingOverflow(bytes).overflow ? .max : total + bytes
      estimated += 1
      if total > limit { break }
    }
    return (total, estimated)
  }

  /// Generates into `directory`, calling `progress(done, total)` after each batch.
  ///
  /// Both files are written under temporary names and renamed only when complete, so an
  /// error or an interrupt never leaves a partial file under a final name.
  public func write(
    toDirectory directory: String, progress: (Int, Int) -> Void = { _, _ in }
  ) throws -> Summary {
    let cells = try spec.cells(for: split)
    let perCell = examplesOverride ?? spec.examples(for: split)
    let seed = seedOverride ?? spec.seed
    let keys = cells.map(\.key)
    // Paired cells (every spacing of a programs length) share their seeds: `seedKey`, not `key`.
    let seedKeys = cells.map(\.seedKey)
    let total = cells.count * perCell
    let sessions = try Sessions(cells: cells)
    defer { sessions.finish() }
    let batchSize = sessions.batchSize
    let batches = (total + batchSize - 1) / batchSize
    let split = self.split

    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let names = SuiteManifest.fileNames(ofSuite: spec.name)
    let tasksPath = (directory as NSString).appendingPathComponent(names.tasks)
    let manifestPath = (directory as NSString).appendingPathComponent(names.manifest)
    // Temporary files of earlier runs that were killed (SIGKILL, a second Ctrl-C) go first.
    AtomicFile.removeStale(in: directory, names: [names.tasks, names.manifest])
    let output = try AtomicFile(path: tasksPath)
    var digest = SHA256()
    var queriesPerCell = [Int](repeating: 0, count: cells.count)
    var programsPerCell = [Set<String>](repeating: [], count: cells.count)
    var bytes = 0
    var done = 0

    let completed = try OrderedPipeline.run(
      count: batches, jobs: jobs,
      produce: { batch in
        var writer = JSONWriter()
        writer.bytes.reserveCapacity(batchSize * 4096)
        var counts: [(cell: Int, queries: Int, program: String?)] = []
        let range = (batch * batchSize)..<min(total, (batch + 1) * batchSize)
        // Each batch builds its own factories (microseconds) rather than sharing them across
        // threads: shared prebuilt actions would have their reference counts bounce between
        // cores on every draw, which cost more than the second core gained.
        var factory: (cell: Int, value: any ExampleSource)?
        for flat in range {
          // Checked per example, not only per batch: a programs example can take a second.
          if Cancellation.isRequested { return BatchOutput(bytes: [], counts: [], failure: nil, interrupted: true) }
          let cell = flat / perCell
          let index = flat % perCell
          let exampleSeed = ExampleSeed.make(suiteSeed: seed, split: split, cellKey: seedKeys[cell], index: index)
          var example: TaskExample
          do {
            if factory?.cell != cell { factory = (cell, try sessions.source(forCell: cell, cells)) }
            example = try factory!.value.example(index: index, seed: exampleSeed)
          } catch {
            return BatchOutput(bytes: [], counts: [], failure: String(describing: error))
          }
          // Every family's queries say whether they are copies, from the family's own baseline.
          example.recordCopies()
          example.write(to: &writer)
          writer.bytes.append(0x0A)
          counts.append((cell, example.queries.count, example.program))
        }
        return BatchOutput(bytes: writer.bytes, counts: counts, failure: nil)
      },
      consume: { _, batch in
        // A failure while an interrupt is pending is reported as the interrupt.
        if batch.interrupted || (batch.failure != nil && Cancellation.isRequested) { throw GenerationInterrupted() }
        if let failure = batch.failure { throw GenerationFailure(reason: failure) }
        try batch.bytes.withUnsafeBytes { buffer in
          try output.write(buffer)
          digest.update(buffer)
        }
        bytes += batch.bytes.count
        for (cell, queries, program) in batch.counts {
          queriesPerCell[cell] += queries
          if let program { programsPerCell[cell].insert(program) }
        }
        done += batch.counts.count
        progress(done, total)
      },
      shouldStop: { Cancellation.isRequested })
    guard completed else {
      output.discard()
      throw GenerationInterrupted()
    }

    let sha256 = digest.finalize().map { String(format: "%02x", $0) }.joined()
    var manifest = SuiteManifest(
      spec: spec.source, split: split, seed: seed, examplesPerCell: perCell,
      cells: keys.indices.map { cell in
        SuiteManifest.Cell(
          key: keys[cell], examples: perCell, queries: queriesPerCell[cell],
          programs: programsPerCell[cell].isEmpty ? nil : programsPerCell[cell].sorted())
      },
      file: names.tasks, sha256: sha256)
    sessions.annotate(&manifest)
    let manifestFile = try AtomicFile(path: manifestPath)
    do {
      try manifestFile.write(Array(JSONWriter.encode(manifest.json, pretty: true).utf8))
      // Both files appear or neither: a full disk while the manifest is written is seen
      // before the task file takes its final name.
      try AtomicFile.commitTogether([output, manifestFile])
    } catch {
      output.discard()
      manifestFile.discard()
      throw error
    }
    return Summary(
      tasksPath: tasksPath, manifestPath: manifestPath, examples: done,
      queries: queriesPerCell.reduce(0, +), bytes: bytes, sha256: sha256,
      warnings: sessions.warnings(examplesPerCell: perCell))
  }
}

/// One batch's JSONL bytes and the per-cell query counts it adds, or why it could not be made.
private struct BatchOutput: Sendable {
  var bytes: [UInt8]
  var counts: [(cell: Int, queries: Int, program: String?)]
  var failure: String?
  /// Ctrl-C came while the batch was being made; it is incomplete.
  var interrupted = false
}

/// The generation sessions of a run: one per family present, in the order of first appearance.
private struct Sessions: Sendable {
  /// Per family name, its session.
  let sessions: [(name: String, session: any GenerationSession)]
  /// Per cell, the index of its family's session.
  let sessionOfCell: [Int]

  /// Starts each family's session with its cells (tracers and their corpus checks come first,
  /// before anything is written); a failure finishes the ones already started.
  init(cells: [CellParameters]) throws {
    var names: [String] = []
    var sessionOfCell: [Int] = []
    for cell in cells {
      if let index = names.firstIndex(of: cell.family.name) {
        sessionOfCell.append(index)
      } else {
        sessionOfCell.append(names.count)
        names.append(cell.family.name)
      }
    }
    var started: [(name: String, session: any GenerationSession)] = []
    do {
      for (index, name) in names.enumerated() {
        let own = cells.indices.filter { sessionOfCell[$0] == index }.map { cells[$0] }
        started.append((name, try own[0].family.startGeneration(for: own)))
      }
    } catch {
      for (_, session) in started { session.finish() }
      throw error
    }
    self.sessions = started
    self.sessionOfCell = sessionOfCell
  }

  /// The smallest batch any family asks for; the output is the same for every batch size.
  var batchSize: Int { sessions.map(\.session.batchSize).min() ?? 32 }

  /// A new example source for cell number `cell`.
  func source(forCell cell: Int, _ cells: [CellParameters]) throws -> any ExampleSource {
    try sessions[sessionOfCell[cell]].session.source(for: cells[cell])
  }

  /// Lets every family record what the manifest needs.
  func annotate(_ manifest: inout SuiteManifest) {
    for (_, session) in sessions { session.annotate(&manifest) }
  }

  /// Every family's warnings about the run, in session order.
  func warnings(examplesPerCell: Int) -> [String] {
    sessions.flatMap { $0.session.warnings(examplesPerCell: examplesPerCell) }
  }

  /// Releases every session's resources.
  func finish() {
    for (_, session) in sessions { session.finish() }
  }
}

/// Thrown when Ctrl-C stopped generation; nothing was left under the final names.
public struct GenerationInterrupted: Error, CustomStringConvertible {
  public var description: String { "interrupted: no task file was written" }
}
