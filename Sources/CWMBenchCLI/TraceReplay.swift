import CWMBenchCore
import CWMBenchFormats
import CWMBenchGenerate
import Foundation

/// Replays the trace of an example from its task file, for the report's step-through.
///
/// The report does not import the generator, so the CLI, which has both, hands it this. The
/// example's seed follows from the manifest next to its task file (suite seed and split), its
/// cell key and its index; the replayed example must render to the task line's exact text, or
/// nothing is replayed (another version of cwmbench, or a file edited by hand).
enum TraceReplay {
  /// The true state after every action of `example`, or nil when it cannot be replayed exactly.
  ///
  /// - Complexity: O(length) for the trace, plus reading the manifest.
  @Sendable static func states(of example: TaskExample, taskFile: String) -> [[String]]? {
    // The step-through's states are permutations of integers: the shell game's.
    guard example.family.isShellGame, let manifestPath = SuiteManifest.path(besideTaskFile: taskFile),
      let data = FileManager.default.contents(atPath: manifestPath),
      let manifest = try? JSONParser.parse([UInt8](data)),
      let seed = manifest[SuiteManifest.Key.seed.rawValue]?.intValue, seed >= 0,
      let split = manifest[SuiteManifest.Key.split.rawValue]?.stringValue.flatMap(Split.init(rawValue:))
    else { return nil }
    // Ids are `<cell key>/<index>`.
    guard let slash = example.id.lastIndex(of: "/"), let index = Int(example.id[example.id.index(after: slash)...]),
      String(example.id[..<slash]) == example.params.key
    else { return nil }
    let exampleSeed = ExampleSeed.make(
      suiteSeed: UInt64(seed), split: split, cellKey: example.params.key, index: index)
    let trace = TraceGenerator(params: example.params).trace(seed: exampleSeed)
    let replayed = ExampleFactory(params: example.params).example(from: trace, id: example.id)
    guard replayed.text == example.text, replayed.queries == example.queries else { return nil }
    return trace.states().dropFirst().map { $0.map(String.init) }
  }
}
