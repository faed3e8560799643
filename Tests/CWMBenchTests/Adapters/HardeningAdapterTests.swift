import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing

@testable import CWMBench

/// Issue 15's adapter-level cases: a second answer to one id, character offsets, secrets, timeouts, numbers.
@Suite struct HardeningAdapterTests {
  typealias Support = AdapterTestSupport

  @Test func secondAnswerToOneIDIsNamedAsSuch() async throws {
    let log = LogRecorder()
    let adapter = ExecAdapter(
      command: Support.adapterCommand("garbage.py"), environment: ["GARBAGE_AFTER": "1", "GARBAGE_KIND": "duplicate"],
      log: log.sink)
    _ = try await adapter.start()
    let operation = ModelRequest.Operation.generate(prompt: ">>> a = 1\n", maxTokens: 4, stop: ["\n"])
    #expect(try await adapter.send(Support.request("d0", operation)) == .generate("10"))
    // The second request is answered twice: the first copy answers it, the second is the violation.
    #expect(try await adapter.send(Support.request("d1", operation)) == .generate("10"))
    do {
      _ = try await adapter.send(Support.request("d2", operation))
      Issue.record("the duplicate answer went unnoticed")
    } catch let error as AdapterError {
      guard case .protocolViolation(let text) = error else {
        Issue.record("expected a protocol violation, got \(error)")
        return
      }
      #expect(text.contains("answered request '2' a second time"), "\(text)")
      #expect(!text.contains("unknown request"))
    }
    await adapter.shutdown()
    #expect(log.all.contains { $0.contains("a second time") })
  }

  /// The fake server counts `text_offset` in characters, as llama-cpp-python does.
  @Test func characterOffsetsOfNonASCIITextAreConverted() async throws {
    let server = try FakeOpenAIServer()
    defer { server.stop() }
    let adapter = HTTPAdapter(baseURL: server.baseURL, modelName: nil, chat: false, apiKey: nil, log: { _ in })
    _ = try await adapter.start()
    let ascii = HTTPAdapterTests.trace
    // A comment with two-byte and three-byte characters before the trace shifts every byte
    // offset away from its character offset.
    let text = "# café — naïve\n" + ascii
    let spans = [HTTPAdapterTests.span(of: "a 2", in: text), HTTPAdapterTests.span(of: "b 5", in: text)]
    let response = try await adapter.send(Support.request("u", .score(text: text, spans: spans)))
    guard case .score(let scores) = response, scores.count == 2 else {
      Issue.record("unexpected response \(response)")
      return
    }
    // The server's rule: 3 × log 0.9 for the right reveal, 2 × log 0.9 + log 0.01 for the wrong one.
    HTTPAdapterTests.expectClose(scores[0].logprob, 3 * HTTPAdapterTests.hit)
    #expect(scores[0].correct)
    HTTPAdapterTests.expectClose(scores[1].logprob, 2 * HTTPAdapterTests.hit + HTTPAdapterTests.miss)
    #expect(!scores[1].correct)
    await adapter.shutdown()
  }

  @Test func offsetsCountingNeitherBytesNorCharactersAreRefused() throws {
    let text = "é ab"
    let block = CompletionLogprobs(tokens: [
      .init(text: "é", offset: 0, logprob: nil, top: nil), .init(text: " ", offset: 5, logprob: -1, top: " "),
      .init(text: "ab", offset: 6, logprob: -1, top: "ab"),
    ])
    #expect(throws: AdapterError.self) { try block.inBytes(of: text) }
    let bytes = CompletionLogprobs(tokens: [
      .init(text: "é", offset: 0, logprob: nil, top: nil), .init(text: " ", offset: 2, logprob: -1, top: " "),
      .init(text: "ab", offset: 3, logprob: -1, top: "ab"),
    ])
    #expect(try bytes.inBytes(of: text) == bytes)
  }

  @Test func redactorRemovesKeysAndURLSecrets() {
    let redactor = SecretRedactor(
      environment: ["OPENAI_API_KEY": "sk-abc123", "HOME": "/root"],
      url: URL(string: "http://bob:pa%20ss@host:8000/v1?token=t0k%2Fen&plain")!)
    #expect(redactor.redact("Bearer sk-abc123 and pa ss and t0k/en") == "Bearer [redacted] and [redacted] and [redacted]")
    #expect(!redactor.redact("HOME is /root").contains("[redacted]"))
    #expect(
      SecretRedactor.displayURL("http://bob:pw@host:8000/v1?token=x&plain")
        == "http://[redacted]:[redacted]@host:8000/v1?token=[redacted]&plain")
  }

  @Test func timeoutScalesWithTheBytesSent() {
    let config = EvalConfiguration(tasksPath: "t.jsonl", outputDirectory: "o", modelSpec: "m", timeout: 120)
    #expect(config.timeout(forBytes: 10) == 120)
    #expect(config.timeout(forBytes: 512) == 120)
    #expect(config.timeout(forBytes: 1536) == 360)
    #expect(ModelRequest.Operation.choice(prompt: "abcd", candidates: ["x", "yz"]).bytesSent == 11)
    #expect(!AdapterError.timeout(seconds: 1).isRetryable)
  }

  @Test(arguments: [
    (Double.infinity, "∞"), (-Double.infinity, "-∞"), (Double.nan, "NaN"), (1e300, "1e+300"), (-1e300, "-1e+300"),
    (1e-300, "0"), (-1e-300, "0"), (1e30, "1e+30"), (0.6, "0.6"), (-0.25, "-0.25"), (123456.789, "123456.789"),
  ])
  func decimalSurvivesExtremes(value: Double, expected: String) {
    #expect(Markup.decimal(value, places: 3) == expected)
  }
}

/// Every writer survives ±∞, NaN and ±1e300 in any row's value and interval (issue 15, item 1).
@Suite struct ExtremeNumberWriterTests {
  static let extremes: [Double] = [.infinity, -.infinity, .nan, 1e300, -1e300, 1e-300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]

  static func data(_ value: Double) -> ReportData {
    var data = ReportFixtures.pfsaData()
    // Every non-proportion row of the first model gets the extreme value and interval.
    let model = data.rows[0].model
    for index in data.rows.indices where data.rows[index].model == model && !data.rows[index].metric.isProportion {
      data.rows[index].value = value
      data.rows[index].interval = ConfidenceInterval(low: value, high: value)
    }
    return data
  }

  @Test(arguments: extremes)
  func writersSurvive(value: Double) {
    let data = Self.data(value)
    var csv = ""
    SummaryCSVWriter.write(data.rows, to: &csv)
    #expect(csv.split(separator: "\n").count == data.rows.count + 1)
    var page = ""
    HTMLReportWriter.write(data, to: &page)
    #expect(page.hasSuffix("</html>\n"))
    var markdown = ""
    MarkdownSummaryWriter.write(data, to: &markdown)
    #expect(!markdown.isEmpty)
    for metric in [ReportMetric.nll, .excessNLL, .tv] {
      var svg = ""
      PlotWriter.write(metric: metric, versus: .spacing, data: data, to: &svg)
      let parser = XMLParser(data: Data(svg.utf8))
      #expect(parser.parse(), "\(metric) plot for \(value) is not XML")
      #expect(svg.range(of: #"="[^"]*(inf|nan)[^"]*""#, options: .regularExpression) == nil, "\(metric) plot for \(value)")
    }
  }
}

/// The plain HTTP client against answers URLSession used to handle for it (issue 15, item 6).
@Suite struct PlainHTTPClientTests {
  @Test func chunkedAnswerOnAConnectionLeftOpenIsRead() async throws {
    let server = try FakeOpenAIServer(["--chunked"])
    defer { server.stop() }
    let adapter = HTTPAdapter(baseURL: server.baseURL, modelName: nil, chat: false, apiKey: nil, log: { _ in })
    // The server never closes the connection: only the last chunk ends the answer. 20 s is far
    // beyond a loopback answer and far below the server's 60 s life, which would end it anyway.
    let info = try await EvalRunner.withTimeout(20) { try await adapter.start() }
    #expect(info.modes == [.score, .choice, .generate])
    let prompt = String(HTTPAdapterTests.trace.dropLast(4))
    let response = try await EvalRunner.withTimeout(20) {
      try await adapter.send(AdapterTestSupport.request("c", .generate(prompt: prompt, maxTokens: 24, stop: ["\n"])))
    }
    #expect(response == .generate("b 1"))
    await adapter.shutdown()
  }

  @Test func cancellingAWaitingRequestReturnsAtOnce() async throws {
    let server = try FakeOpenAIServer(["--delay", "30"])
    defer { server.stop() }
    let adapter = HTTPAdapter(baseURL: server.baseURL, modelName: "fake-char-model", chat: true, apiKey: nil, log: { _ in })
    _ = try await adapter.start()
    let request = AdapterTestSupport.request("slow", .generate(prompt: ">>> a = 1\n", maxTokens: 4, stop: ["\n"]))
    // The watchdog cancels the request after 1 s; the blocked read must wake then, not after 30 s.
    await #expect(throws: AdapterError.timeout(seconds: 1)) {
      try await EvalRunner.withTimeout(1) { try await adapter.send(request) }
    }
    await adapter.shutdown()
  }
}
