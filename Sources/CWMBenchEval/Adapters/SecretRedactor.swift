import CWMBenchCore
import CWMBenchFormats
import Foundation

/// Removes the secrets the harness knows (API keys, URL passwords and query values) from text it stores or prints.
///
/// A careless proxy echoes request headers in its error body, and that body becomes an error
/// message in `results.jsonl`, on stderr and in `index.html`; an exec adapter may print its
/// environment. Every message that crosses from a model into the harness goes through here.
public struct SecretRedactor: Sendable, Hashable {
  /// What replaces a secret.
  public static let mark = "[redacted]"

  /// The secrets, longest first (so a secret that contains another is replaced whole).
  public let secrets: [String]

  /// A redactor for `secrets`; empty strings are ignored.
  public init(secrets: [String]) {
    var unique: [String] = []
    for secret in secrets where !secret.isEmpty && !unique.contains(secret) { unique.append(secret) }
    self.secrets = unique.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
  }

  /// The secrets of an `eval` run: the API key variables and what `url` carries in its user
  /// name, password and query values (as written and percent-decoded).
  public init(environment: [String: String], url: URL? = nil) {
    var secrets: [String] = []
    for name in ["CWMBENCH_API_KEY", "OPENAI_API_KEY"] {
      if let key = environment[name], !key.isEmpty { secrets.append(key) }
    }
    if let url { secrets += Self.urlSecrets(url.absoluteString) }
    self.init(secrets: secrets)
  }

  /// The user name, password and query values in a URL's text, as written and percent-decoded.
  static func urlSecrets(_ text: String) -> [String] {
    guard let parts = URLComponents(string: text) else { return [] }
    var secrets: [String] = []
    for value in [parts.percentEncodedUser, parts.percentEncodedPassword, parts.user, parts.password] {
      if let value, !value.isEmpty { secrets.append(value) }
    }
    for item in parts.percentEncodedQueryItems ?? [] {
      if let value = item.value, !value.isEmpty {
        secrets.append(value)
        if let decoded = value.removingPercentEncoding, !decoded.isEmpty { secrets.append(decoded) }
      }
    }
    return secrets
  }

  /// Whether there is anything to redact.
  public var isEmpty: Bool { secrets.isEmpty }

  /// `text` with every secret replaced by `[redacted]`.
  public func redact(_ text: String) -> String {
    var result = text
    for secret in secrets where result.contains(secret) {
      result = result.replacingOccurrences(of: secret, with: Self.mark)
    }
    return result
  }

  /// `bytes` with every secret replaced, for a body before any excerpt of it is cut (a cut could
  /// keep half a key).
  func redact(_ bytes: [UInt8]) -> [UInt8] {
    guard !secrets.isEmpty else { return bytes }
    let text = String(decoding: bytes, as: UTF8.self)
    let redacted = redact(text)
    return redacted == text ? bytes : Array(redacted.utf8)
  }

  /// A URL's text with its user name, password and query values replaced: what start-up messages show.
  public static func displayURL(_ text: String) -> String {
    guard var parts = URLComponents(string: text) else { return text }
    // URLComponents refuses brackets in these parts, so a placeholder goes in and is swapped after.
    let placeholder = "cwmbench-redacted-placeholder"
    if parts.percentEncodedUser != nil { parts.percentEncodedUser = placeholder }
    if parts.percentEncodedPassword != nil { parts.percentEncodedPassword = placeholder }
    if let items = parts.percentEncodedQueryItems {
      parts.percentEncodedQueryItems = items.map {
        URLQueryItem(name: $0.name, value: $0.value == nil ? nil : placeholder)
      }
    }
    guard let display = parts.string else { return "(a URL that cannot be shown)" }
    return display.replacingOccurrences(of: placeholder, with: mark)
  }

  /// `response` with every string in it redacted (generated text, each span's `predicted`).
  public func redact(_ response: ModelResponse) -> ModelResponse {
    guard !secrets.isEmpty else { return response }
    switch response {
    case .generate(let text): return .generate(redact(text))
    case .score(let spans):
      return .score(
        spans.map { span in
          var span = span
          span.predicted = span.predicted.map(redact)
          return span
        })
    case .choice: return response
    }
  }

  /// `error` with its messages redacted.
  public func redact(_ error: AdapterError) -> AdapterError {
    guard !secrets.isEmpty else { return error }
    switch error {
    case .model(let message): return .model(redact(message))
    case .transient(let message): return .transient(redact(message))
    case .protocolViolation(let message): return .protocolViolation(redact(message))
    case .unavailable(let message): return .unavailable(redact(message))
    case .timeout, .unsupportedMode: return error
    }
  }
}
