import CWMBenchCore
import Foundation

/// Which redirects an HTTP model's requests follow: those within the model URL's origin, and no others.
///
/// Every request carries the API key (or the URL's user and password) in its Authorization
/// header, and URLSession copies that header onto a redirected request, wherever it points:
/// a 307 from an `https://` server to another host, or down to plain `http://`, handed the
/// key to whoever answered there. A redirect within the origin (same scheme, host and port: a
/// moved path, a trailing slash) is followed, key included, by both transports; any other is
/// not followed at all, and the request fails naming the target, so the user can give that
/// URL to `--model` if it is the server meant. Never following keeps one rule for both
/// transports and sends nothing, not even the prompt, where the user did not point.
enum HTTPRedirectPolicy {
  /// Redirects followed within the origin before a request fails (URLSession's own limit is 20).
  static let maximumRedirects = 10

  /// The status codes that redirect a request to its `Location`.
  static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

  /// Whether a request to `from` may be sent on to `to` with its credentials.
  static func follows(from: URL, to: URL) -> Bool {
    guard let scheme = from.scheme?.lowercased(), scheme == to.scheme?.lowercased(),
      let host = from.host?.lowercased(), !host.isEmpty, host == to.host?.lowercased()
    else { return false }
    return port(of: from, scheme: scheme) == port(of: to, scheme: scheme)
  }

  /// The URL a `Location` field points to, resolved against the request's URL.
  static func target(of location: String, from url: URL) -> URL? {
    URL(string: location, relativeTo: url)?.absoluteURL
  }

  /// The method and body of the redirected request, as URLSession and browsers do it: 307 and
  /// 308 repeat the request, 303 (and 301 or 302 after a POST) turn it into a GET without body.
  static func redirected(method: String, body: [UInt8], status: Int) -> (method: String, body: [UInt8]) {
    if status == 303 || ((status == 301 || status == 302) && method == "POST") { return ("GET", []) }
    return (method, body)
  }

  /// The error for a redirect that is not followed; `location` is already redacted.
  static func refusal(path: String, status: Int, location: String) -> AdapterError {
    .unavailable(
      "'/\(path)' answered \(status) redirecting to '\(HTTPAdapter.excerpt(location))', another origin: "
        + "redirects are followed only within the model URL's origin (same scheme, host and port), "
        + "so the API key goes nowhere else; if that server is the one meant, give its URL to --model")
  }

  private static func port(of url: URL, scheme: String) -> Int? {
    url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil)
  }
}
