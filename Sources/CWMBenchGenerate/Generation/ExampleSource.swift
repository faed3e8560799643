import CWMBenchCore
import CWMBenchFormats

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

extension ExampleFactory: ExampleSource {}
