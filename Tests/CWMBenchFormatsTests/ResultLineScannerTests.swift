import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats

/// The result line's fast scanner must read exactly what its decoder reads.
@Suite(.offCooperativePool) struct ResultLineScannerTests {
  static let lines: [String] = [
    #"{"id": "perm/S5/swap/one/T64/k8/17", "model": "oracle", "mode": "score", "queries": [{"correct": true, "logprob": 0.0, "predicted": "a 8", "probs": null}], "error": null}"#,
    #"{"error":null,"id":"x","mode":"choice","model":"m","queries":[{"correct":false,"logprob":-2.5e-3,"predicted":null,"probs":[0.25,0.75]},{"correct":true,"logprob":-1E+1,"probs":[1,0]}]}"#,
    #"  { "id" : "e\"sc\\aped\/\u00e9\ud83d\ude00" , "model": "m", "mode": "generate", "queries" : [ ] , "error" : "context\ntoo long" , "extra": {"nested": [1, {"a": [true, false, null]}], "s": "}]"} }  "#,
    #"{"id": "a", "model": "<script>alert('x')</script>", "mode": "score", "queries": [{"correct": true, "predicted": "\u003cb\u003e", "latency_ms": 12.5, "logprob": null}], "error": null}"#,
    #"{"error":null,"id":"t","mode":"score","model":"m","queries":[{"correct":true,"logprob":-0.1,"predicted":"abc","probs":null,"tokens":3},{"correct":false,"logprob":-2,"predicted":null,"probs":null,"tokens":null}]}"#,
  ]

  static func read(_ line: String) throws(ResultRecord.ReadError) -> ResultRecord {
    let bytes = Array(line.utf8)
    let result = bytes.withUnsafeBytes { bytes in
      Result { () throws(ResultRecord.ReadError) in try ResultRecord.read(bytes) }
    }
    return try result.get()
  }

  @Test(arguments: lines)
  func agreesWithTheDecoder(line: String) throws {
    #expect(try Self.read(line) == ResultRecord(json: try JSONParser.parse(line)))
  }

  @Test func writtenLinesReadBackThroughTheScanner() throws {
    for line in Self.lines {
      let record = try Self.read(line)
      var writer = JSONWriter()
      record.write(to: &writer)
      let written = String(decoding: writer.bytes, as: UTF8.self)
      #expect(try Self.read(written) == record)
      #expect(try ResultRecord(json: JSONParser.parse(written)) == record)
      // Lines without escapes never leave the fast path.
      if !written.contains("\\") {
        #expect(try writer.bytes.withUnsafeBytes { try ResultLineScanner.scan($0) } == record)
      }
    }
  }

  @Test func decodesEscapesLikePython() throws {
    // python3 -c 'import json; print(json.loads(r"\"e\\\"sc\\\\aped\\/\\u00e9\\ud83d\\ude00\""))' → e"sc\aped/é😀
    let record = try Self.read(Self.lines[2])
    #expect(record.id == "e\"sc\\aped/é😀")
    #expect(record.error == "context\ntoo long")
  }

  @Test(arguments: [
    (#"{"id": "only-id", "queries": []}"#, "missing field 'model'"),
    (#"{"id": "x", "model": "m", "queries": []}"#, "missing field 'mode'"),
    (#"{"id": "x", "model": "m", "mode": "score"}"#, "missing field 'queries'"),
    (
      #"{"id": "x", "model": "m", "mode": "vote", "queries": []}"#,
      "field 'mode': expected 'score', 'generate' or 'choice'"
    ),
    (#"{"id": "x", "model": "m", "mode": "score", "queries": [{"logprob": 1}]}"#, "missing field 'queries[0].correct'"),
    (#"{"id": "x", "model": "m", "mode": "score", "error": {"code": 3}, "queries": []}"#, "field 'error'"),
    (
      #"{"id": "x", "model": "m", "mode": "score", "queries": [{"correct": true, "tokens": 2.5}]}"#,
      "field 'queries[0].tokens'"
    ),
  ])
  func incompleteLinesAreRefusedNamingTheField(line: String, message: String) {
    do {
      _ = try Self.read(line)
      Issue.record("accepted \(line)")
    } catch .decoding(let error) {
      #expect(error.description.hasPrefix(message), "\(error)")
    } catch {
      Issue.record("not a decoding error: \(error)")
    }
  }

  @Test(arguments: [
    #"{"id": "x", "error": {"code": 3}}"#,  // an error that is not a string
    #"{"id": "x", "queries": [{"logprob": 1}]}"#,  // a query without 'correct'
    #"{"id": "x", "queries": [}"#,  // broken syntax
    #"{"id": "x", "model": "m", "mode": "score", "queries": []} trailing"#,
    #"{"id": "x", "model": "m", "mode": "score", "queries": [{"correct": true, "logprob": NaN}]}"#,
    #"{"id": "a\"b", "model": "m", "mode": "score", "queries": []}"#,  // escapes are left to JSONParser
    #"{"id": "x", "model": "m", "queries": []}"#,  // a missing field goes to the decoder, which names it
  ])
  func givesUpOnAnythingUnexpected(line: String) {
    #expect(throws: ResultLineScanner.Unsupported.self) {
      try Array(line.utf8).withUnsafeBytes { try ResultLineScanner.scan($0) }
    }
  }
}
