import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI
@testable import CWMBenchCore

/// `Tasks/strings-tokens.json` is built for the tokenization contrast (issue 21): read from the
/// generated file by CPython, at least 30% of its queries are at most one edit from their start,
/// every `word` cell has a `random` twin, and one edit from each start has enough changed
/// answers for a 95% interval narrower than ±0.1.
@Suite(.offCooperativePool) struct StringsTokensSuiteTests {
  static let script = #"""
    import collections, json, math, sys
    queries = near = 0
    cells = collections.defaultdict(set)
    changed_one = collections.Counter()
    for raw in open(sys.argv[1], encoding="utf-8"):
        ex = json.loads(raw)
        p = dict(ex["params"])
        start = p.pop("start")
        cells[json.dumps(p, sort_keys=True)].add(start)
        known = list(ex["initial"])
        for q in ex["queries"]:
            queries += 1
            near += q["since_word"] <= 1
            v = ord(q["variable"]) - 97
            value = q["values"][0]
            # A changed answer: not what the variable held at its last print (or its start).
            if q["since_word"] == 1 and value != known[v]:
                changed_one[start] += 1
            known[v] = value
    crossed = all(starts == {"word", "random"} for starts in cells.values())
    # The widest 95% Wilson-style half-width, at p = 1/2.
    half = {s: 1.96 * math.sqrt(0.25 / n) for s, n in changed_one.items()}
    print(json.dumps({"queries": queries, "near": near, "cells": len(cells), "crossed": crossed,
                      "changed_one": changed_one, "half": half}))
    """#

  @Test func theShippedSuiteCrossesStartsNearWords() async throws {
    let directory = try TemporaryDirectory()
    let context = CommandContext.memory(currentDirectory: directory.path)
    let spec = Binary.packageRoot + "/Tasks/strings-tokens.json"
    let status = await CWMBenchCLI.run(arguments: ["generate", spec, "--out", "out", "--quiet"], context: context)
    try #require(status == 0, "\(context.standardError.contents)")
    let result = try JSONParser.parse(
      try Python.run(Self.script, arguments: [directory.file("out/strings-tokens.jsonl")]))
    let queries = try #require(result["queries"]?.intValue)
    let near = try #require(result["near"]?.intValue)
    #expect(Double(near) >= 0.30 * Double(queries), "\(near) of \(queries) queries at most one edit away")
    #expect(result["crossed"] == .bool(true))
    #expect((result["cells"]?.intValue ?? 0) >= 12)
    for start in ["word", "random"] {
      #expect((result["changed_one"]?[start]?.intValue ?? 0) >= 100, "\(start)")
      #expect((result["half"]?[start]?.doubleValue ?? 1) < 0.1, "\(start)")
    }
  }
}
