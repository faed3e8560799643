import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// Ground truth from CPython: every corpus program, generated through the Swift tracer client
/// and renderer under both `lines` values, against Programs/tests/cwm_reference.py, which
/// re-traces with `bdb` and renders on its own (written apart from tracer.py): every shown value
/// is the reference's.
@Suite(.offCooperativePool) struct ProgramsCPythonTests {
  static let spacings: [Spacing] = [.every(1), .every(3), .every(4), .final]

  /// The reference's check: same text, same spans, and each query's step is the number of line
  /// frames before its answer, `since_reveal` the difference to the previous query.
  static let checkScript = #"""
    import json, sys
    sys.path.insert(0, sys.argv[1])
    import cwm_reference as ref
    traces, checked, problems = {}, 0, []
    for raw in sys.stdin:
        case = json.loads(raw)
        key = (case["program"], case["seed"], case["size"], case.get("corpus"))
        if key not in traces:
            traces[key] = ref.trace_program(case["program"], case["seed"], case["size"], case.get("corpus") or ref.CORPUS)
        context, frames, _ = traces[key]
        spacing, lines_shown = case["spacing"], case["lines"]
        text, spans = ref.render(context, frames, spacing, lines_shown)
        # Steps are counted over every line event, so read them off the `all` rendering (the
        # same frames hold queries under both `lines`).
        text_all, spans_all = ref.render(context, frames, spacing, "all")
        steps = [text_all[:start].count("<|line_sep|>") for start, _ in spans_all]
        ex = case["example"]
        where = (case["program"], case["seed"], case["size"], spacing, lines_shown)
        if ex["text"] != text:
            at = next((i for i, (a, b) in enumerate(zip(ex["text"], text)) if a != b), min(len(text), len(ex["text"])))
            problems.append([where, "text differs at %d: %r vs %r" % (at, ex["text"][at:at + 60], text[at:at + 60])])
            continue
        queries = ex["queries"]
        if [[q["start"], q["end"]] for q in queries] != [list(s) for s in spans]:
            problems.append([where, "spans differ"])
            continue
        lines = sum(1 for f in frames if f.kind == "line")
        if ex["line_events"] != lines or ex["program"] != case["program"]:
            problems.append([where, "line_events %s, reference %d" % (ex["line_events"], lines)])
        if len(steps) != len(queries):
            problems.append([where, "%d queries, %d under lines all" % (len(queries), len(steps))])
            continue
        previous = 0
        for q, step in zip(queries, steps):
            if q["answer"] != text[q["start"]:q["end"]] or q["step"] != step or q["since_reveal"] != step - previous:
                problems.append([where, "query %r: step %d" % (q, step)])
            previous = step
        if spacing == "final" and len(queries) != 1:
            problems.append([where, "final has %d queries" % len(queries)])
        checked += 1
    print(json.dumps({"checked": checked, "problems": problems[:10]}))
    """#

  /// One case for the script: the example Swift generated and how to re-trace it.
  static func caseLine(_ example: TaskExample, trace: ProgramTrace, seed: UInt64, corpus: String?) -> [UInt8] {
    var writer = JSONWriter()
    example.write(to: &writer)
    let spacing: JSONValue
    switch example.params.spacing {
    case .every(let k): spacing = .int(k)
    case .final: spacing = .string("final")
    }
    var fields: [String: JSONValue] = [
      "program": .string(trace.program), "seed": .int(Int(seed)), "size": .int(trace.size), "spacing": spacing,
      "lines": .string(example.params.programsParameters.lines.rawValue),
    ]
    if let corpus { fields["corpus"] = .string(corpus) }
    var line = Array(JSONWriter.encode(.object(fields)).utf8)
    line.removeLast()  // the closing brace: the example goes in raw
    line += Array(", \"example\": ".utf8) + writer.bytes + [0x7D, 0x0A]
    return line
  }

  static func check(_ input: [UInt8]) throws -> JSONValue {
    let output = try Python.run(checkScript, bytes: input, arguments: [ProgramsTestSupport.programsFolder + "/tests"])
    return try JSONParser.parse(output)
  }

  @Test func everyCorpusProgramMatchesTheReference() throws {
    let pool = try TracerPool(configuration: ProgramsTestSupport.configuration())
    defer { pool.shutdown() }
    #expect(pool.hello.programs.count >= 50)
    var input: [UInt8] = []
    var cases = 0
    for (number, program) in pool.hello.programs.enumerated() {
      for length in [16, 150] {
        // Seeds below 2^53 so Python's json reads them exactly as Swift sent them.
        let seed = UInt64(number * 7919 + length) * 1_000_003
        let trace = try pool.trace(program: program, seed: seed, length: length)
        for spacing in Self.spacings {
          for lines in ProgramLines.allCases {
            let source = try ProgramsExampleSource(
              params: .programs(length: length, spacing: spacing, program: program, lines: lines), pool: pool)
            input += Self.caseLine(
              try source.example(from: trace, index: number, seed: seed), trace: trace, seed: seed, corpus: nil)
            cases += 1
          }
        }
      }
    }
    let result = try Self.check(input)
    #expect(result["problems"] == .array([]))
    #expect(result["checked"]?.intValue == cases)
  }

  @Test func aProgramThatRaisesIsTracedWithItsExceptionFrames() throws {
    let directory = try TemporaryDirectory()
    let corpus = try ProgramsTestSupport.limitCorpus(in: directory)
    let pool = try TracerPool(configuration: ProgramsTestSupport.configuration(corpus: corpus))
    defer { pool.shutdown() }
    var input: [UInt8] = []
    for seed: UInt64 in [1, 2, 3] {
      let trace = try pool.trace(program: "boom", seed: seed, length: 20)
      for spacing in Self.spacings {
        let source = try ProgramsExampleSource(
          params: .programs(length: 20, spacing: spacing, program: "boom"), pool: pool)
        let example = try source.example(from: trace, index: 0, seed: seed)
        if spacing == .every(1) { #expect(example.text.contains("<|exception_sep|>")) }
        #expect(example.queries.last?.answer == "None")  // main's return as CPython reports it
        input += Self.caseLine(example, trace: trace, seed: seed, corpus: corpus)
      }
    }
    let result = try Self.check(input)
    #expect(result["problems"] == .array([]))
    #expect(result["checked"]?.intValue == 12)
  }
}
