import CWMBenchCore

/// Makes the examples of one cell from seeds: the seam between the suite writer and a family's generator.
///
/// A source is built per batch on the thread that uses it, so it need not be shared across threads.
public protocol ExampleSource {
  /// The example with index `index` of the cell, drawn from `seed`.
  ///
  /// Throws only for failures outside the seed's control (a tracer process that died, a program
  /// that exceeded its limits); a given (cell, index, seed) always gives the same bytes.
  func example(index: Int, seed: UInt64) throws -> TaskExample
}

/// One family's part of a generation run: shared resources (a tracer pool) and a source per cell.
public protocol GenerationSession: Sendable {
  /// A new source for `cell`; called once per batch, on the worker's thread.
  func source(for cell: CellParameters) throws -> any ExampleSource
  /// Examples per batch: smaller when one example takes milliseconds (a traced program).
  var batchSize: Int { get }
  /// Adds what the manifest records about this run of the family (the tracer's Python).
  func annotate(_ manifest: inout SuiteManifest)
  /// One-line warnings about a run of `examplesPerCell` examples per cell (a `programs` cell
  /// that does not cover its corpus evenly); `generate` prints them on stderr.
  func warnings(examplesPerCell: Int) -> [String]
  /// Releases the session's resources; called once, when the run ends either way.
  func finish()
}

extension GenerationSession {
  /// Large enough to amortise hand-offs between threads, small enough for a few megabytes in flight.
  public var batchSize: Int { 32 }
  /// Nothing to record.
  public func annotate(_ manifest: inout SuiteManifest) {}
  /// Nothing to warn about.
  public func warnings(examplesPerCell: Int) -> [String] { [] }
  /// Nothing to release.
  public func finish() {}
}

/// A session with no shared resources: a new source per cell from a closure.
public struct StatelessGenerationSession: GenerationSession {
  private let make: @Sendable (CellParameters) throws -> any ExampleSource

  /// Creates a session whose sources `make` builds.
  public init(_ make: @escaping @Sendable (CellParameters) throws -> any ExampleSource) {
    self.make = make
  }

  public func source(for cell: CellParameters) throws -> any ExampleSource { try make(cell) }
}
