import CWMBenchCore
import CWMBenchFormats
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// JSON over HTTP, with the status codes sorted into retryable and final failures.
extension HTTPAdapter {
  /// POSTs `body` to `baseURL/path` and returns the parsed answer.
  func post(_ path: String, _ body: JSONValue) async throws(AdapterError) -> JSONValue {
    var request = URLRequest(url: baseURL.appendingPathComponent(path))
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(JSONWriter.encode(body).utf8)
    return try await perform(request, path: path)
  }

  /// GETs `baseURL/path` and returns the parsed answer.
  func get(_ path: String) async throws(AdapterError) -> JSONValue {
    var request = URLRequest(url: baseURL.appendingPathComponent(path))
    request.httpMethod = "GET"
    return try await perform(request, path: path)
  }

  private func perform(_ request: URLRequest, path: String) async throws(AdapterError) -> JSONValue {
    var request = request
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    if let key = authorizationKey { request.setValue("Bearer " + key, forHTTPHeaderField: "Authorization") }
    if authorizationKey == nil, let user = baseURL.user {
      // Credentials in the URL become Basic authentication, as URLSession would send them.
      let credentials = Data((user + ":" + (baseURL.password ?? "")).utf8).base64EncodedString()
      request.setValue("Basic " + credentials, forHTTPHeaderField: "Authorization")
    }
    let (status, headers, body) = try await exchange(request, path: path)
    if HTTPRedirectPolicy.redirectStatuses.contains(status), let location = headers["location"] {
      // Followed within the origin already; this one points elsewhere (HTTPRedirectPolicy).
      throw HTTPRedirectPolicy.refusal(path: path, status: status, location: redactor.redact(location))
    }
    let retryAfter = headers["retry-after"]
    // Before any message quotes it: a proxy may echo the Authorization header.
    let bytes = redactor.redact(body)
    guard (200..<300).contains(status) else {
      var message = "server answered \(status)"
      if let retryAfter {
        message += " (retry after '\(retryAfter)')"
      }
      message += ": " + Self.serverMessage(bytes)
      if status == 429 || status >= 500 { throw .transient(message) }
      throw .model(message)
    }
    do {
      return try JSONParser.parse(bytes)
    } catch {
      throw .protocolViolation(
        "'/\(path)' answered \(status) \(Self.notJSONMarker) (\(error)): '\(Self.excerpt(String(decoding: bytes, as: UTF8.self)))'"
      )
    }
  }

  /// Sends `request` and returns the status, the header fields (lowercased names) and the body.
  ///
  /// `http://` goes through `PlainHTTPClient`, whose waiting costs no CPU; `https://` through
  /// URLSession, which on Linux spins while it waits (see `PlainHTTPClient`). Both follow
  /// redirects within the origin only (`HTTPRedirectPolicy`); a redirect elsewhere comes back
  /// as the answer.
  private func exchange(_ request: URLRequest, path: String) async throws(AdapterError) -> (
    Int, [String: String], [UInt8]
  ) {
    if request.url?.scheme?.lowercased() == "http", let url = request.url {
      return try await plainExchange(request, url: url, path: path)
    }
    let data: Data, response: URLResponse
    do {
      (data, response) = try await session.data(for: request)
    } catch let error as CancellationError {
      throw .transient("request to '/\(path)' was cancelled: \(error)")
    } catch {
      if Task.isCancelled { throw .transient("request to '/\(path)' was cancelled") }
      throw .transient("cannot reach '\(displayURL)': \(Self.describe(error))")
    }
    guard let http = response as? HTTPURLResponse else {
      throw .protocolViolation("'/\(path)' gave a response that is not HTTP")
    }
    var headers: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
      if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
    }
    return (http.statusCode, headers, [UInt8](data))
  }

  /// `exchange` over `PlainHTTPClient`, following redirects within the origin as URLSession would.
  private func plainExchange(_ request: URLRequest, url: URL, path: String) async throws(AdapterError) -> (
    Int, [String: String], [UInt8]
  ) {
    var headers: [(String, String)] = []
    for (name, value) in (request.allHTTPHeaderFields ?? [:]).sorted(by: { $0.key < $1.key }) {
      headers.append((name, value))
    }
    var url = url
    var method = request.httpMethod ?? "GET"
    var body = [UInt8](request.httpBody ?? Data())
    for _ in 0...HTTPRedirectPolicy.maximumRedirects {
      let response: PlainHTTPClient.Response
      do {
        response = try await PlainHTTPClient.send(method: method, url: url, headers: headers, body: body)
      } catch .cancelled {
        throw .transient("request to '/\(path)' was cancelled")
      } catch .malformed(let message) {
        // Retried like a dropped connection: a proxy restarting mid-answer can cut one in two.
        throw .transient("'/\(path)' answered with a malformed HTTP message: \(message)")
      } catch {
        if Task.isCancelled { throw .transient("request to '/\(path)' was cancelled") }
        throw .transient("cannot reach '\(displayURL)': \(error)")
      }
      guard HTTPRedirectPolicy.redirectStatuses.contains(response.status),
        let location = response.headers["location"],
        let target = HTTPRedirectPolicy.target(of: location, from: url),
        HTTPRedirectPolicy.follows(from: url, to: target)
      else { return (response.status, response.headers, response.body) }
      url = target
      (method, body) = HTTPRedirectPolicy.redirected(method: method, body: body, status: response.status)
    }
    throw .transient("'/\(path)' was redirected more than \(HTTPRedirectPolicy.maximumRedirects) times")
  }

  /// The error text in an error body: OpenAI's `error.message`, FastAPI's `detail`, or the body itself.
  static func serverMessage(_ body: [UInt8]) -> String {
    if let value = try? JSONParser.parse(body) {
      if let message = value["error"]?["message"]?.stringValue { return message }
      if let message = value["error"]?.stringValue { return message }
      if let message = value["message"]?.stringValue { return message }
      if let message = value["detail"]?.stringValue { return message }
      return excerpt(value)
    }
    let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? "(empty body)" : excerpt(text)
  }

  private static func describe(_ error: any Error) -> String {
    if let error = error as? URLError { return "\(error.localizedDescription) (URLError \(error.code.rawValue))" }
    return "\(error)"
  }
}
