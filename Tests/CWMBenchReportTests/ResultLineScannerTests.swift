@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport
import CWMBenchTestSupport
import Foundation
import Testing

@Suite struct ResultLineScannerTests {
  static let lines: [String] = [
    #"{"id": "perm/S5/swap/one/T64/k8/17", "model": "oracle", "mode": "score", "queries": [{"correct": true, "logprob": 0.0, "predicted": "a 8", "probs": null}], "error": null}"#,
    #"{"error":null,"id":"x","mode":"choice","model":"m","queries":[{"correct":false,"logprob":-2.5e-3,"predicted":null,"probs":[0.25,0.75]},{"correct":true,"logprob":-1E+1,"probs":[1,0]}]}"#,
    #"  { "id" : "e\"sc\\aped\/\u00e9\ud83d\ude00" , "queries" : [ ] , "error" : "context\ntoo long" , "extra": {"nested": [1, {"a": [true, false, null]}], "s": "}]"} }  "#,
    #"{"id": "a", "model": "<script>alert('x')</script>", "queries": [{"correct": true, "predicted": "\u003cb\u003e", "latency_ms": 12.5, "logprob": null}], "error": null}"#,
    #"{"id": "only-id", "queries": null}"#,
  ]

  @Test(arguments: lines)
  func agreesWithTheGenericParser(line: String) throws {
    let generic = try ReportDecoding.result(from: try JSONParser.parse(line), defaultModel: "fallback")
    let fast = try Array(line.utf8).withUnsafeBytes { bytes in
      try ResultLineScanner.read(bytes, defaultModel: "fallback")
    }
    #expect(fast == generic)
  }

  @Test func decodesEscapesLikePython() throws {
    // python3 -c 'import json; print(json.loads(r"\"e\\\"sc\\\\aped\\/\\u00e9\\ud83d\\ude00\""))' → e"sc\aped/é😀
    let record = try Array(Self.lines[2].utf8).withUnsafeBytes { try ResultLineScanner.read($0, defaultModel: "d") }
    #expect(record.id == "e\"sc\\aped/é😀")
    #expect(record.model == "d")
    #expect(record.error == "context\ntoo long")
  }

  @Test(arguments: [
    #"{"id": "x", "error": {"code": 3}}"#,  // an error that is not a string
    #"{"id": "x", "queries": [{"logprob": 1}]}"#,  // a query without 'correct'
    #"{"id": "x", "queries": [}"#,  // broken syntax
    #"{"id": "x"} trailing"#,
    #"{"id": "x", "queries": [{"correct": true, "logprob": NaN}]}"#,
    #"{"id": "a\"b", "queries": []}"#,  // escapes are left to JSONParser
  ])
  func givesUpOnAnythingUnexpected(line: String) {
    #expect(throws: ResultLineScanner.Unsupported.self) {
      try Array(line.utf8).withUnsafeBytes { try ResultLineScanner.scan($0, defaultModel: "d") }
    }
  }
}
