import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchEval

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Redirects keep the API key inside the model URL's origin, on both transports (issue 22, item 3).
///
/// Two loopback servers on different ports are different origins; `to` redirects every request
/// to `from`'s path on the other, and logs whether each request it got carried a key.
@Suite struct HTTPRedirectTests {
  static let key = "sk-redirect-test-0123456789"

  func servers() async throws -> (from: FakeOpenAIServer, to: FakeOpenAIServer, log: String, folder: TemporaryDirectory)
  {
    let folder = try TemporaryDirectory()
    let log = folder.file("to.log")
    let to = try await FakeOpenAIServer.start(["--log", log], fixture: "raw_http_server.py")
    let from = try await FakeOpenAIServer.start(
      ["--redirect-to", "http://127.0.0.1:\(to.port)"], fixture: "raw_http_server.py")
    return (from, to, log, folder)
  }

  /// The plain client refuses the redirect: start-up fails naming the other origin, and the
  /// other server never sees a request.
  @Test func plainHTTPDoesNotFollowARedirectToAnotherOrigin() async throws {
    let (from, to, log, folder) = try await servers()
    defer {
      from.stop()
      to.stop()
    }
    let adapter = HTTPAdapter(baseURL: from.baseURL, modelName: nil, chat: true, apiKey: Self.key, log: { _ in })
    do {
      _ = try await EvalRunner.withTimeout(60) { try await adapter.start() }
      Issue.record("start-up followed the redirect")
    } catch let error as AdapterError {
      #expect(error.description.contains("another origin"), "\(error)")
      #expect(error.description.contains("127.0.0.1:\(to.port)"), "\(error)")
      #expect(!error.description.contains(Self.key))
    }
    #expect(((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").isEmpty)
    _ = folder
    await adapter.shutdown()
  }

  /// A redirect within the origin (a moved path, a trailing slash) is followed, key included.
  @Test func plainHTTPFollowsARedirectWithinTheOrigin() async throws {
    let folder = try TemporaryDirectory()
    let log = folder.file("server.log")
    let server = try await FakeOpenAIServer.start(
      ["--redirect-to", "/moved", "--redirect-once", "--log", log], fixture: "raw_http_server.py")
    defer { server.stop() }
    let adapter = HTTPAdapter(baseURL: server.baseURL, modelName: nil, chat: true, apiKey: Self.key, log: { _ in })
    let info = try await EvalRunner.withTimeout(60) { try await adapter.start() }
    #expect(info.name == "raw")
    let lines = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n")
    #expect(lines == ["GET /v1/models authorization=True", "GET /moved/v1/models authorization=True"])
    await adapter.shutdown()
  }

  /// The https transport's session (URLSession) with a key, sent here over http to the same two
  /// servers: the session's redirect guard refuses, so the other origin never gets the key.
  @Test func theSessionDoesNotCarryTheKeyToAnotherOrigin() async throws {
    let (from, to, log, folder) = try await servers()
    defer {
      from.stop()
      to.stop()
    }
    let adapter = HTTPAdapter(baseURL: from.baseURL, modelName: "m", chat: true, apiKey: Self.key, log: { _ in })
    var request = URLRequest(url: from.baseURL.appendingPathComponent("completions"))
    request.httpMethod = "POST"
    request.httpBody = Data("{}".utf8)
    request.setValue("Bearer " + Self.key, forHTTPHeaderField: "Authorization")
    let (_, response) = try await adapter.session.data(for: request)
    #expect((response as? HTTPURLResponse)?.statusCode == 307)
    #expect(((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").isEmpty)
    _ = folder
    await adapter.shutdown()
  }

  /// Same origin means same scheme, host (any case) and port (default ports included); a
  /// downgrade to http is never the same origin.
  @Test(arguments: [
    ("https://h.example/v1", "https://h.example:443/v1/completions", true),
    ("https://h.example/v1", "http://h.example/v1", false),
    ("https://h.example/v1", "http://h.example:443/v1", false),
    ("http://H.Example:8000/v1", "http://h.example:8000/other", true),
    ("http://127.0.0.1:8000/v1", "http://127.0.0.1:8001/v1", false),
    ("http://127.0.0.1/v1", "http://127.0.0.1:80/v1", true),
    ("https://a.example/v1", "https://b.example/v1", false),
    ("https://a.example/v1", "https://a.example.evil.example/v1", false),
  ])
  func redirectsAreFollowedOnlyWithinTheOrigin(from: String, to: String, follows: Bool) {
    #expect(HTTPRedirectPolicy.follows(from: URL(string: from)!, to: URL(string: to)!) == follows)
  }
}
