import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// The `cwmbench/1` lines, checked by decoding them with Python's `json` module.
@Suite(.offCooperativePool) struct ExecAdapterProtocolTests {
  /// Runs python3 over `lines` and returns what it prints for each (one JSON line in, one line out).
  private func pythonDecode(_ lines: [UInt8], script: String) throws -> String {
    String(decoding: try Python.run(script, bytes: lines), as: UTF8.self)
  }

  @Test func requestLinesAreTheSpecShape() throws {
    let text = "a \"quoted\" \\ line\n>>> print('a', a)\na 8\n\u{1}é"
    var lines = ExecAdapter.requestLine(.score(text: text, spans: [3..<5, 10..<14]), id: "7")
    lines += ExecAdapter.requestLine(.generate(prompt: text, maxTokens: 24, stop: ["\n"]), id: "8")
    lines += ExecAdapter.requestLine(.choice(prompt: text, candidates: ["a 1", "a \"2\""]), id: "9")
    lines += ExecAdapter.requestLine(.score(text: "", spans: []), id: "10")
    let script = """
      import json, sys
      text = "a \\"quoted\\" \\\\ line\\n>>> print('a', a)\\na 8\\n\\x01\\u00e9"
      expected = [
        {"op": "score", "id": "7", "text": text, "spans": [[3, 5], [10, 14]],
         "ends": ["oted\\"", "ine\\n"]},
        {"op": "generate", "id": "8", "prompt": text, "max_tokens": 24, "stop": ["\\n"]},
        {"op": "choice", "id": "9", "prompt": text, "candidates": ["a 1", 'a "2"']},
        {"op": "score", "id": "10", "text": "", "spans": [], "ends": []},
      ]
      raw = sys.stdin.buffer.read()
      assert raw.endswith(b"\\n")
      lines = raw.split(b"\\n")[:-1]
      for line, want in zip(lines, expected):
          print(json.loads(line) == want)
      print(len(lines))
      """
    #expect(try pythonDecode(lines, script: script) == "True\nTrue\nTrue\nTrue\n4\n")
  }

  /// `--temperature`: a generate request carries it when it is not 0, after `stop`; at 0 the
  /// line is byte for byte what it was before the key existed, and other ops never carry it.
  @Test func aGenerateRequestCarriesItsTemperatureOnlyWhenNotZero() throws {
    let generate = ModelRequest.Operation.generate(prompt: "p", maxTokens: 16, stop: ["\n"])
    #expect(
      String(decoding: ExecAdapter.requestLine(generate, id: "1", temperature: 0.7), as: UTF8.self)
        == #"{"op":"generate","id":"1","prompt":"p","max_tokens":16,"stop":["\n"],"temperature":0.7}"# + "\n")
    #expect(
      ExecAdapter.requestLine(generate, id: "1", temperature: 0) == ExecAdapter.requestLine(generate, id: "1"))
    #expect(!ExecAdapter.requestLine(generate, id: "1").contains(Array("temperature".utf8)))
    let choice = ModelRequest.Operation.choice(prompt: "p", candidates: ["a"])
    #expect(ExecAdapter.requestLine(choice, id: "2", temperature: 1.5) == ExecAdapter.requestLine(choice, id: "2"))
  }

  @Test func answersAreDecodedAndChecked() throws {
    let score = try JSONParser.parse(
      #"{"id":"1","spans":[{"logprob":-0.5,"correct":true},{"logprob":0,"correct":false}]}"#)
    #expect(
      try ExecAdapter.decodeAnswer(score, expected: .score(spans: 2))
        == .score([SpanScore(logprob: -0.5, correct: true), SpanScore(logprob: 0, correct: false)]))
    #expect(throws: AdapterError.self) { try ExecAdapter.decodeAnswer(score, expected: .score(spans: 3)) }
    // Optional per span: what greedy decoding writes there, and the span's token count.
    let detailed = try JSONParser.parse(
      #"{"id":"1","spans":[{"logprob":-0.5,"correct":false,"predicted":"a 9","tokens":3},{"logprob":0,"correct":true,"predicted":null}]}"#
    )
    #expect(
      try ExecAdapter.decodeAnswer(detailed, expected: .score(spans: 2))
        == .score([
          SpanScore(logprob: -0.5, correct: false, predicted: "a 9", tokens: 3), SpanScore(logprob: 0, correct: true),
        ]))
    for bad in [
      #"{"logprob":-1,"correct":true,"predicted":7}"#, #"{"logprob":-1,"correct":true,"tokens":-2}"#,
      #"{"logprob":-1,"correct":true,"tokens":"3"}"#,
    ] {
      let answer = try JSONParser.parse(#"{"id":"1","spans":["# + bad + "]}")
      #expect(throws: AdapterError.self) { try ExecAdapter.decodeAnswer(answer, expected: .score(spans: 1)) }
    }
    let choice = try JSONParser.parse(#"{"id":"2","logprobs":[-1,-2.5]}"#)
    #expect(try ExecAdapter.decodeAnswer(choice, expected: .choice(candidates: 2)) == .choice([-1, -2.5]))
    #expect(throws: AdapterError.self) { try ExecAdapter.decodeAnswer(choice, expected: .choice(candidates: 3)) }
    let error = try JSONParser.parse(#"{"id":"3","error":"context too long"}"#)
    #expect(throws: AdapterError.model("context too long")) {
      try ExecAdapter.decodeAnswer(error, expected: .generate)
    }
    let positive = try JSONParser.parse(#"{"id":"4","spans":[{"logprob":0.5,"correct":true}]}"#)
    #expect(throws: AdapterError.self) { try ExecAdapter.decodeAnswer(positive, expected: .score(spans: 1)) }
  }

  @Test func helloAnswersAreChecked() {
    let good = Array(#"{"ok": true, "name": "tiny", "modes": ["score", "choice"], "train_length": 64}"#.utf8)
    guard case .success(let info) = ExecAdapter.decodeHello(good[...], command: "x") else {
      Issue.record("a good hello was refused")
      return
    }
    #expect(info == ModelInfo(name: "tiny", modes: [.score, .choice], trainLength: 64, preferredConcurrency: 64))
    // `max_concurrency` sets how many requests are in flight (a single-threaded model: 1).
    let one = Array(#"{"ok": true, "modes": ["generate"], "max_concurrency": 1}"#.utf8)
    guard case .success(let single) = ExecAdapter.decodeHello(one[...], command: "x") else {
      Issue.record("a hello asking for one request at a time was refused")
      return
    }
    #expect(single.preferredConcurrency == 1)
    for bad in [
      #"{"ok": false, "error": "no weights"}"#, "Loading…", #"{"ok": true}"#, #"{"ok": true, "modes": ["dance"]}"#,
      #"{"ok": true, "modes": ["score"], "max_concurrency": 0}"#,
      #"{"ok": true, "modes": ["score"], "max_concurrency": "4"}"#,
      #"{"ok": true, "modes": ["score"], "max_concurrency": 100000}"#,
    ] {
      if case .success = ExecAdapter.decodeHello(Array(bad.utf8)[...], command: "x") {
        Issue.record("hello '\(bad)' was accepted")
      }
    }
  }

  @Test func excerptsAreShort() {
    let long = String(repeating: "x", count: 200)
    #expect(ExecAdapter.excerpt(long) == String(repeating: "x", count: 80) + "…")
    #expect(ExecAdapter.excerpt("short") == "short")
  }
}
