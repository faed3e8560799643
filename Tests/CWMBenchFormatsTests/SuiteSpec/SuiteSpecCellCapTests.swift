import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats

/// A grid's cell count is checked, with overflow checks, before any cell is built.
@Suite(.offCooperativePool) struct SuiteSpecCellCapTests {
  @Test(
    arguments: [
      ([1], 1), ([3, 4, 5], 60), ([100_000], 100_000), ([0, 1 << 40], 0),
      ([1 << 31, 1 << 31], 1 << 62), ([1 << 32, 1 << 31], nil), ([Int.max, 2], nil),
      ([1 << 21, 1 << 21, 1 << 21], nil),
    ] as [([Int], Int?)])
  func cellCountsAreProductsOrNilOnOverflow(lengths: [Int], expected: Int?) {
    #expect(SuiteSpec.cellCount(ofAxisLengths: lengths) == expected)
  }

  /// A spec whose grid crosses `lengths` × `spacings` (perm, S3).
  static func spec(lengths: Int, spacings: Int, train: Bool = false) -> JSONValue {
    let grid: JSONValue = .object([
      "group": .array([.string("S3")]), "length": .array((1...lengths).map { .int(1000 + $0) }),
      "spacing": .array((1...spacings).map { .int($0) }),
    ])
    var object: [String: JSONValue] = [
      "name": .string("s"), "seed": .int(1), "family": .string("perm"), "examples": .int(1),
      "grid": train
        ? .object(["group": .array([.string("S3")]), "length": .array([.int(8)]), "spacing": .array([.int(1)])]) : grid,
    ]
    if train { object["train"] = .object(["grid": grid]) }
    return .object(object)
  }

  @Test(arguments: [false, true])
  func gridsOverTheCapAreRefusedNamingTheCountAndTheCap(train: Bool) {
    #expect(throws: Never.self) {
      try SuiteSpec(json: Self.spec(lengths: 1000, spacings: 100, train: train), origin: "s.json")
    }
    do {
      _ = try SuiteSpec(json: Self.spec(lengths: 1001, spacings: 100, train: train), origin: "s.json")
      Issue.record("a grid of 100100 cells was accepted")
    } catch {
      let message = error.description
      #expect(message.contains("'s.json': field '\(train ? "train.grid" : "grid")'"), "\(message)")
      #expect(message.contains("at most 100000 cells") && message.contains("'100100 cells'"), "\(message)")
    }
  }

  /// The shipped specs stay far under the cap.
  @Test func shippedSpecsAreWellUnderTheCap() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tasks").path
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
    #expect(!names.isEmpty)
    for name in names {
      let json = try JSONParser.parse([UInt8](FileManager.default.contents(atPath: folder + "/" + name) ?? Data()))
      let spec = try SuiteSpec(json: json, origin: name)
      #expect(try spec.cells(for: .test).count <= SuiteSpec.maximumCells / 10, "\(name)")
    }
  }
}
