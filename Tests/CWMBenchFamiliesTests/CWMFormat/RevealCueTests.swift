import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// Issue 21's reveal cues, read off generated `cwm` suites of all four families at spacings 1, 4
/// and `final`: the text of the last frame before a query's span never starts a hidden frame.
///
/// The frames are split and classified here from the text alone (a hidden call or line frame
/// is its separator then `<|action_sep|>`; a hidden return or exception frame has no
/// `<|arg_sep|>`), not with the renderers' code.
@Suite(.offCooperativePool) struct RevealCueTests {
  static let entrySeparators = ["<|call_sep|>", "<|line_sep|>"]
  static let exitSeparators = ["<|return_sep|>", "<|exception_sep|>"]
  static let frameEnd = "<|frame_sep|>"

  static let specs: [String] = [
    #"""
    {"name": "cues-perm", "seed": 11, "examples": 6,
     "grid": {"family": ["perm"], "group": ["S3", "S5"], "reveal": ["one", "all"], "length": [12],
              "spacing": [1, 4, "final"], "render": ["cwm"]}}
    """#,
    #"""
    {"name": "cues-pfsa", "seed": 12, "examples": 6,
     "grid": {"family": ["pfsa"], "group": ["S3"], "reveal": ["one", "all"], "length": [12],
              "spacing": [1, 4, "final"], "render": ["cwm"]},
     "fixed": {"hidden": 0.5, "choices": 2}}
    """#,
    #"""
    {"name": "cues-strings", "seed": 13, "examples": 6,
     "grid": {"family": ["strings"], "variables": [1, 3], "length": [12], "spacing": [1, 4, "final"],
              "render": ["cwm"]}}
    """#,
    #"""
    {"name": "cues-programs", "seed": 14, "examples": 6,
     "grid": {"family": ["programs"], "lines": ["all", "reveals"], "length": [24], "spacing": [1, 4, "final"]}}
    """#,
  ]

  /// The frames after the context, each with its closing `<|frame_sep|>`.
  static func frames(of text: String) -> [Substring] {
    guard let contextEnd = text.range(of: frameEnd) else { return [] }
    var frames: [Substring] = []
    var rest = text[contextEnd.upperBound...]
    while let end = rest.range(of: frameEnd) {
      frames.append(rest[..<end.upperBound])
      rest = rest[end.upperBound...]
    }
    return frames
  }

  /// A frame that shows nothing although it could: no locals object, or no return value.
  static func isHidden(_ frame: Substring) -> Bool {
    if let separator = entrySeparators.first(where: { frame.hasPrefix($0) }) {
      return frame.dropFirst(separator.count).hasPrefix("<|action_sep|>")
    }
    return exitSeparators.contains { frame.hasPrefix($0) } && !frame.contains("<|arg_sep|>")
  }

  @Test(arguments: specs.indices)
  func noHiddenFrameStartsLikeTheTextBeforeASpan(spec index: Int) throws {
    let directory = try TemporaryDirectory()
    let families = ProgramsTestSupport.families(ProgramsTestSupport.configuration())
    let spec = try SuiteSpec(json: JSONParser.parse(Self.specs[index]), origin: "cues.json", families: families)
    let summary = try SuiteGenerator(spec: spec, split: .test, jobs: 2).write(toDirectory: directory.path)
    let examples = try TaskFileReader.readAll(inFileAt: summary.tasksPath, families: families)
    #expect(examples.count >= 36)
    var hiddenSeen = 0
    var queriesSeen = 0
    for example in examples {
      let text = example.text
      let bytes = Array(text.utf8)
      let hidden = Self.frames(of: text).filter(Self.isHidden)
      hiddenSeen += hidden.count
      for query in example.queries {
        queriesSeen += 1
        let head = String(decoding: bytes[..<query.start], as: UTF8.self)
        let frameStart = try #require(head.range(of: Self.frameEnd, options: .backwards)).upperBound
        let before = head[frameStart...]
        // Names which value is due: `{"a": "`, `, "b": "`, or a return value's `<|arg_sep|>"`.
        #expect(before.hasSuffix("\": \"") || before.hasSuffix("<|arg_sep|>\""), "\(example.id): \(before)")
        #expect(bytes[query.end] == UInt8(ascii: "\""), "\(example.id): span ends before its closing quote")
        for frame in hidden { #expect(!frame.hasPrefix(before), "\(example.id): '\(before)' starts '\(frame)'") }
        // Stronger: no hidden frame of any trace could start so (its separator then
        // `<|action_sep|>`, or an exit frame, which hidden has no `<|arg_sep|>`).
        for separator in Self.entrySeparators {
          #expect(!before.hasPrefix(separator + "<|action_sep|>") && !(separator + "<|action_sep|>").hasPrefix(before))
        }
        if Self.exitSeparators.contains(where: { before.hasPrefix($0) }) { #expect(before.contains("<|arg_sep|>")) }
      }
    }
    #expect(queriesSeen > examples.count)
    #expect(hiddenSeen > 0)
  }

  /// The variable a reveal names is the one whose value the query holds: the shell game's
  /// `{"c": "` precedes the value of `c`, every value of a reveal of all in name order.
  @Test func theShellGameNamesTheRevealedVariable() throws {
    for reveal in RevealKind.allCases {
      let params = CellParameters(
        family: .perm, group: try Group(parsing: "S4"), length: 10, spacing: .every(2), reveal: reveal,
        render: .cwm)
      let example = ExampleFactory(params: params).example(index: 0, seed: 7)
      let bytes = Array(example.text.utf8)
      for query in example.queries {
        let values = try #require(query.values)
        let answer = String(decoding: bytes[query.start..<query.end], as: UTF8.self)
        if let variable = query.variable {
          let head = String(decoding: bytes[..<query.start], as: UTF8.self)
          #expect(head.hasSuffix("<|line_sep|>{\"" + VariableName.of(variable) + "\": \""))
          #expect(answer == String(values[0]))
        } else {
          let pairs = values.indices.map { "\"" + VariableName.of($0) + "\": \"" + String(values[$0]) + "\"" }
          #expect("{\"a\": \"" + answer + "\"}" == "{" + pairs.joined(separator: ", ") + "}")
        }
      }
      #expect(!example.queries.isEmpty)
    }
  }
}
