import CWMBenchCore
import CWMBenchFormats
import Foundation

extension ReportBuilder {
  /// The true state after every action of a shown example, for the page's step-through: its
  /// family replays it from the seed the manifest next to its task file gives (suite seed and
  /// split); nil when there is no manifest or the family cannot replay it exactly.
  ///
  /// - Complexity: O(length) for the trace, plus reading the manifest.
  public static func replayedStates(of example: TaskExample, taskFile: String) -> [[String]]? {
    guard let context = replayContext(taskFile: taskFile) else { return nil }
    return example.family.replayedStates(of: example, suiteSeed: context.seed, split: context.split)
  }

  /// The suite seed and split the manifest beside a task file gives, for replaying its traces.
  static func replayContext(taskFile: String) -> (seed: UInt64, split: Split)? {
    guard let manifestPath = SuiteManifest.path(besideTaskFile: taskFile),
      let data = FileManager.default.contents(atPath: manifestPath),
      let manifest = try? JSONParser.parse([UInt8](data)),
      let seed = manifest[SuiteManifest.Key.seed.rawValue]?.intValue, seed >= 0,
      let split = manifest[SuiteManifest.Key.split.rawValue]?.stringValue.flatMap(Split.init(rawValue:))
    else { return nil }
    return (UInt64(seed), split)
  }
}
