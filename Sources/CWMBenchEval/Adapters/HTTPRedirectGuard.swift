import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// URLSession's side of `HTTPRedirectPolicy`: refuses every redirect to another origin.
///
/// A session-wide delegate, because swift-corelibs-foundation asks only the session's delegate
/// (the `delegate:` argument of `data(for:delegate:)` is ignored there). Refused, the redirect
/// comes back as the answer, and `HTTPAdapter` turns it into the policy's error.
final class HTTPRedirectGuard: NSObject, URLSessionTaskDelegate, Sendable {
  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    guard let from = response.url ?? task.currentRequest?.url, let to = request.url,
      HTTPRedirectPolicy.follows(from: from, to: to)
    else {
      completionHandler(nil)
      return
    }
    completionHandler(request)
  }
}
