import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval

/// One check for a reported log-probability on every path (issue 22, item 9): the exec
/// protocol's spans and choices and the HTTP server's token log-probabilities agree.
@Suite struct LogProbabilityCheckTests {
  /// What a value reads as (nil: refused). Positive values within the rounding tolerance read as 0.
  static let cases: [(JSONValue, Double?)] = [
    (.double(7.5), nil), (.double(1e-3), nil), (.double(1e300), nil), (.int(1), nil), (.string("inf"), nil),
    (.string("nan"), nil), (.string("-0.5"), nil), (.double(0), 0), (.int(0), 0), (.double(-1.5), -1.5),
    (.double(-1e30), -1e30), (.string("-inf"), -.infinity), (.double(5e-6), 0), (.double(1e-4), 0),
  ]

  /// The exec adapter's span decoder.
  static func exec(_ value: JSONValue) -> Double? {
    let answer = JSONValue.object([
      "id": .string("1"), "spans": .array([.object(["logprob": value, "correct": .bool(true)])]),
    ])
    guard case .score(let spans)? = try? ExecAdapter.decodeAnswer(answer, expected: .score(spans: 1)) else {
      return nil
    }
    return spans.first?.logprob
  }

  /// The exec adapter's choice decoder.
  static func choice(_ value: JSONValue) -> Double? {
    let answer = JSONValue.object(["id": .string("1"), "logprobs": .array([value])])
    guard case .choice(let values)? = try? ExecAdapter.decodeAnswer(answer, expected: .choice(candidates: 1)) else {
      return nil
    }
    return values.first
  }

  /// The HTTP adapter's decoder of an echoed completion: the second token carries the value.
  static func http(_ value: JSONValue) -> Double? {
    let completion = JSONValue.object([
      "choices": .array([
        .object([
          "text": .string("ab"),
          "logprobs": .object([
            "tokens": .array([.string("a"), .string("b")]), "token_logprobs": .array([.null, value]),
            "text_offset": .array([.int(0), .int(1)]),
          ]),
        ])
      ])
    ])
    guard let block = try? CompletionLogprobs(completion: completion) else { return nil }
    return try? block.score(1..<2, textLength: 2).logprob
  }

  @Test(arguments: Self.cases.indices)
  func everyPathReadsALogProbabilityAlike(index: Int) {
    let (value, expected) = Self.cases[index]
    #expect(Self.exec(value) == expected, "exec span \(value)")
    #expect(Self.choice(value) == expected, "exec choice \(value)")
    #expect(Self.http(value) == expected, "http \(value)")
  }

  /// End to end: a server whose token log-probabilities are positive (every one shifted by +8
  /// after the start-up probe) gets a protocol violation naming the value, not a stored span.
  @Test func positiveLogprobsFromAServerAreRefused() async throws {
    let server = try await FakeOpenAIServer.start(["--logprob-shift", "8", "--fault-skip", "1"])
    defer { server.stop() }
    let adapter = HTTPAdapter(baseURL: server.baseURL, modelName: nil, chat: false, apiKey: nil, log: { _ in })
    _ = try await adapter.start()
    let text = HTTPAdapterTests.trace
    let request = AdapterTestSupport.request(
      "p", .score(text: text, spans: [HTTPAdapterTests.span(of: "a 2", in: text)]))
    do {
      let response = try await adapter.send(request)
      Issue.record("positive log-probabilities were accepted: \(response)")
    } catch let error as AdapterError {
      guard case .protocolViolation(let message) = error else {
        Issue.record("expected a protocol violation, got \(error)")
        return
      }
      #expect(message.contains("log-probability"), "\(message)")
    }
    await adapter.shutdown()
  }
}
