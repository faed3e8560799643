import CWMBenchFamilies
import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats

/// Task lines of the `strings` and `programs` families: written once, read the same by the
/// decoder and the fast reader, checked by CPython's json, and refused when they mix families.
@Suite(.offCooperativePool) struct FreeFormFamilyLineTests {
  static let stringsExample = TaskExample(
    id: "strings/w6/v2/set+swap/T2/k1/0",
    params: .strings(
      length: 2, spacing: .every(1), width: 6, variables: 2, edits: try! EditSelection(parsing: "swap+set")),
    text: ">>> a = 'kitten'\n>>> b = 'garden'\n>>> a = a[:1] + 'o' + a[2:]\n>>> print(a)\nkotten\n",
    queries: [
      TaskQuery(
        start: 75, end: 81, answer: "kotten", step: 1, sinceReveal: 1, candidates: nil, probs: nil, variable: 0,
        stringValues: ["kotten"], sinceWord: 1)
    ],
    initialStrings: ["kitten", "garden"])

  static let programsExample = TaskExample(
    id: "programs/all/T64/k4/two_sum/3",
    params: .programs(length: 64, spacing: .every(4)),
    text: "<|trace_context_start|>x<|frame_sep|><|arg_sep|>\"'Old'\"<|frame_sep|>",
    queries: [
      TaskQuery(start: 48, end: 55, answer: "\"'Old'\"", step: 9, sinceReveal: 1, candidates: nil, probs: nil)
    ],
    program: "two_sum", lineEvents: 61)

  static func line(_ example: TaskExample) -> String {
    var writer = JSONWriter()
    example.write(to: &writer)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  static func decoded(_ line: String) throws -> TaskExample {
    try TaskExample(json: try JSONParser.parse(Array(line.utf8)))
  }

  @Test(arguments: [stringsExample, programsExample])
  func linesRoundTripThroughBothReaders(example: TaskExample) throws {
    for query in example.queries {
      #expect(String(decoding: Array(example.text.utf8)[query.start..<query.end], as: UTF8.self) == query.answer)
    }
    let line = Self.line(example)
    #expect(try Self.decoded(line) == example)
    let fast = Array(line.utf8).withUnsafeBytes { TaskLineReader.read($0, families: .builtIn) }
    #expect(fast == example)
  }

  @Test func theLinesAreTheirOwnSortedJSON() throws {
    let input = [Self.stringsExample, Self.programsExample].map(Self.line).joined(separator: "\n") + "\n"
    let output = try Python.run(
      """
      import json, sys
      for line in sys.stdin.read().splitlines():
          print(json.dumps(json.loads(line), sort_keys=True, separators=(",", ":"), ensure_ascii=False) == line)
      """, input: input)
    #expect(output == "True\nTrue\n")
  }

  @Test func theStringsLineSpellsItsFields() {
    let line = Self.line(Self.stringsExample)
    #expect(line.contains("\"initial\":[\"kitten\",\"garden\"]"))
    #expect(
      line.contains(
        "\"params\":{\"edits\":\"set+swap\",\"length\":2,\"render\":\"repl\",\"spacing\":1,\"start\":\"word\",\"variables\":2,\"width\":6}"
      ))
    #expect(line.contains("\"since_word\":1"))
    #expect(line.contains("\"values\":[\"kotten\"],\"variable\":\"a\""))
    let programs = Self.line(Self.programsExample)
    #expect(
      programs.contains(
        "\"line_events\":61,\"params\":{\"length\":64,\"lines\":\"all\",\"program\":\"all\",\"render\":\"cwm\",\"spacing\":4},"
          + "\"program\":\"two_sum\""
      ))
  }

  /// A family's params object holds its own keys only; anything else is named.
  @Test(arguments: [
    (
      "strings",
      "{\"edits\":\"mixed\",\"group\":\"S3\",\"length\":2,\"render\":\"repl\",\"spacing\":1,\"start\":\"word\",\"variables\":2,\"width\":6}",
      "params.group"
    ),
    ("programs", "{\"length\":2,\"program\":\"all\",\"render\":\"cwm\",\"spacing\":1,\"width\":6}", "params.width"),
    (
      "perm",
      "{\"actions\":\"swap\",\"choices\":2,\"edits\":\"set\",\"group\":\"S3\",\"hidden\":0,\"length\":2,\"max_value\":9,\"n\":3,\"render\":\"repl\",\"reveal\":\"one\",\"spacing\":1}",
      "params.edits"
    ),
    (
      "strings",
      "{\"edits\":\"set+bogus\",\"length\":2,\"render\":\"repl\",\"spacing\":1,\"start\":\"word\",\"variables\":2,\"width\":6}",
      "params.edits"
    ),
  ])
  func otherFamiliesParametersAreRefused(family: String, params: String, field: String) throws {
    let line = "{\"family\":\"\(family)\",\"id\":\"x\",\"params\":\(params),\"queries\":[],\"text\":\"\"}"
    #expect(Array(line.utf8).withUnsafeBytes { TaskLineReader.read($0, families: .builtIn) } == nil)
    do {
      _ = try Self.decoded(line)
      Issue.record("accepted \(line)")
    } catch {
      #expect(String(describing: error).contains(field))
    }
  }

  @Test func initialStringsMustBeOnePerVariable() throws {
    var example = Self.stringsExample
    example.initialStrings = ["kitten"]
    let line = Self.line(example)
    #expect(Array(line.utf8).withUnsafeBytes { TaskLineReader.read($0, families: .builtIn) } == nil)
    #expect(throws: TaskFileError.self) { try Self.decoded(line) }
  }
}
