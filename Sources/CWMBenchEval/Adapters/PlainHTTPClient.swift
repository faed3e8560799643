import CWMBenchCore
import CWMBenchFormats
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A minimal HTTP/1.1 client for `http://` URLs: one connection per request, blocking I/O on its own thread.
///
/// FoundationNetworking's URLSession on Linux drives libcurl from Dispatch sources, and while
/// it waits for a slow answer those sources fire again and again: measured against a loopback
/// server that answers after 2 s, about one CPU second per waiting second (mostly system
/// time in Dispatch worker threads), a core taken from the local model server being waited
/// for. A thread blocked in `recv` costs nothing. TLS stays with URLSession (`https://`).
enum PlainHTTPClient {
  /// A parsed answer.
  struct Response: Sendable {
    /// The status code.
    var status: Int
    /// Header fields by lowercased name (the last one wins).
    var headers: [String: String]
    /// The body, de-chunked.
    var body: [UInt8]
  }

  /// Why a request failed before an HTTP answer was read.
  enum Failure: Error, Sendable, CustomStringConvertible {
    /// No connection (refused, unknown host).
    case connect(String)
    /// The connection broke or the answer was not HTTP.
    case exchange(String)
    /// The answer broke HTTP's rules (a length that is not one, a bad chunk); worth a retry.
    case malformed(String)
    /// The task was cancelled while waiting.
    case cancelled

    var description: String {
      switch self {
      case .connect(let message), .exchange(let message), .malformed(let message): return message
      case .cancelled: return "cancelled"
      }
    }
  }

  /// The largest answer read (status line, headers and body): a server that never stops is cut off.
  static let maximumResponseBytes = 256 << 20

  /// Sends one request and returns the answer; cancelling the calling task closes the connection.
  static func send(
    method: String, url: URL, headers: [(String, String)], body: [UInt8]
  ) async throws(Failure) -> Response {
    let connection = Connection()
    let result: Result<Response, Failure> = await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        // A thread of its own: a blocking read must not hold one of the cooperative pool's few threads.
        let thread = Thread {
          continuation.resume(
            returning: Result { () throws(Failure) -> Response in
              try connection.exchange(method: method, url: url, headers: headers, body: body)
            })
        }
        thread.stackSize = 256 << 10
        thread.start()
      }
    } onCancel: {
      connection.cancel()
    }
    return try result.get()
  }

  /// One socket, closable from another thread to wake a blocked read.
  final class Connection: Sendable {
    private struct State {
      var descriptor: Int32 = -1
      var cancelled = false
    }
    private let state = Mutex(State())

    /// Marks the exchange cancelled and shuts the socket so a blocked `connect`/`recv` returns.
    func cancel() {
      state.withLock { state in
        state.cancelled = true
        if state.descriptor >= 0 { _ = shutdown(state.descriptor, Int32(SHUT_RDWR)) }
      }
    }

    private var isCancelled: Bool { state.withLock { $0.cancelled } }

    func exchange(method: String, url: URL, headers: [(String, String)], body: [UInt8]) throws(Failure) -> Response {
      guard let host = url.host, !host.isEmpty else { throw .connect("the URL has no host") }
      let port = url.port ?? 80
      let descriptor = try open(host: host, port: port)
      defer {
        state.withLock { $0.descriptor = -1 }
        close(descriptor)
      }
      var target = url.path.isEmpty ? "/" : url.path
      if let query = url.query { target += "?" + query }
      // An IPv6 literal is bracketed in the Host header, whichever way URL hands it back.
      let hostField = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
      var head = "\(method) \(target) HTTP/1.1\r\nHost: \(hostField):\(port)\r\nConnection: close\r\n"
      head += "Content-Length: \(body.count)\r\n"
      for (name, value) in headers { head += "\(name): \(value)\r\n" }
      head += "\r\n"
      try write(descriptor, Array(head.utf8) + body)
      return try read(descriptor)
    }

    private func open(host: String, port: Int) throws(Failure) -> Int32 {
      var hints = addrinfo()
      hints.ai_family = AF_UNSPEC
      #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
      #else
        hints.ai_socktype = SOCK_STREAM
      #endif
      var list: UnsafeMutablePointer<addrinfo>?
      let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
      let status = getaddrinfo(bare, String(port), &hints, &list)
      guard status == 0, let first = list else {
        throw .connect("cannot resolve '\(host)': \(String(cString: gai_strerror(status)))")
      }
      defer { freeaddrinfo(list) }
      var lastError: Int32 = 0
      var entry: UnsafeMutablePointer<addrinfo>? = first
      while let address = entry {
        entry = address.pointee.ai_next
        let descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
        if descriptor < 0 {
          lastError = errno
          continue
        }
        let registered = state.withLock { state -> Bool in
          guard !state.cancelled else { return false }
          state.descriptor = descriptor
          return true
        }
        guard registered else {
          close(descriptor)
          throw .cancelled
        }
        if connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
          var one: Int32 = 1
          _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
          return descriptor
        }
        lastError = errno
        state.withLock { $0.descriptor = -1 }
        close(descriptor)
        if isCancelled { throw .cancelled }
      }
      throw .connect("\(String(cString: strerror(lastError))) (connecting to \(host):\(port))")
    }

    private func write(_ descriptor: Int32, _ bytes: [UInt8]) throws(Failure) {
      var sent = 0
      while sent < bytes.count {
        let count = bytes.withUnsafeBytes { raw in
          #if canImport(Glibc)
            Glibc.send(descriptor, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
          #else
            Darwin.send(descriptor, raw.baseAddress! + sent, raw.count - sent, 0)
          #endif
        }
        if count < 0 && errno == EINTR { continue }
        if isCancelled { throw .cancelled }
        guard count > 0 else {
          throw .exchange("the connection broke while sending: \(String(cString: strerror(errno)))")
        }
        sent += count
      }
    }

    /// Reads the whole answer (the server closes the connection after it, as asked).
    ///
    /// Every read looks only at the bytes it brought: the end of the head is searched for from
    /// where the last search stopped, and a chunked body is decoded as it arrives, so the time
    /// taken is linear in the answer's length whatever the server's chunking.
    private func read(_ descriptor: Int32) throws(Failure) -> Response {
      var buffer: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 64 << 10)
      var headerEnd: Int?
      var expected: Int?
      var parsed: (status: Int, headers: [String: String])?
      var decoder: ChunkedBodyDecoder?
      var received = 0
      while true {
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
        if count < 0 && errno == EINTR { continue }
        if isCancelled { throw .cancelled }
        if count < 0 {
          throw .exchange("the connection broke while reading the answer: \(String(cString: strerror(errno)))")
        }
        if count == 0 { break }
        received += count
        guard received <= PlainHTTPClient.maximumResponseBytes else {
          throw .exchange("the answer is larger than \(PlainHTTPClient.maximumResponseBytes >> 20) MiB")
        }
        if decoder != nil {
          try decoder!.feed(chunk[..<count])
          if decoder!.isComplete { break }
          continue
        }
        let searchFrom = max(0, buffer.count - 3)
        buffer.append(contentsOf: chunk[..<count])
        if headerEnd == nil, let end = Self.find([13, 10, 13, 10], in: buffer, from: searchFrom) {
          headerEnd = end + 4
          let head = try Self.parseHead(buffer[..<end])
          parsed = head
          if head.headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            // A chunked answer ends with its last chunk, whether or not the server closes the connection.
            var chunked = ChunkedBodyDecoder(limit: PlainHTTPClient.maximumResponseBytes)
            try chunked.feed(buffer[(end + 4)...])
            buffer.removeSubrange((end + 4)...)
            decoder = chunked
            if chunked.isComplete { break }
            continue
          }
          if let field = head.headers["content-length"] {
            expected = end + 4 + (try Self.contentLength(field))
          }
        }
        if let expected, buffer.count >= expected { break }
      }
      guard let headerEnd, let parsed else {
        throw .exchange(
          buffer.isEmpty ? "the server closed the connection without answering" : "the answer is not HTTP")
      }
      if let decoder {
        guard decoder.isComplete else { throw .exchange("a chunked answer ended early") }
        return Response(status: parsed.status, headers: parsed.headers, body: decoder.body)
      }
      var body = Array(buffer[headerEnd...])
      if let expected {
        guard buffer.count >= expected else { throw .exchange("the connection closed before the whole answer arrived") }
        body = Array(buffer[headerEnd..<expected])
      }
      return Response(status: parsed.status, headers: parsed.headers, body: body)
    }

    /// The byte count a `Content-Length` field gives: decimal digits only, at most the largest answer read.
    ///
    /// Checked before any arithmetic uses it: `-5` or `9223372036854775807` used to overflow
    /// the end offset and kill the run.
    static func contentLength(_ field: String) throws(Failure) -> Int {
      let digits = field.utf8
      guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else {
        throw .malformed("the answer's Content-Length '\(HTTPAdapter.excerpt(field))' is not a number of bytes")
      }
      guard digits.count <= 10, let length = Int(field), length <= PlainHTTPClient.maximumResponseBytes else {
        throw .malformed(
          "the answer's Content-Length '\(HTTPAdapter.excerpt(field))' is more than the "
            + "\(PlainHTTPClient.maximumResponseBytes >> 20) MiB an answer may have")
      }
      return length
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from offset: Int = 0) -> Int? {
      guard haystack.count - offset >= needle.count else { return nil }
      search: for start in offset...(haystack.count - needle.count) where haystack[start] == needle[0] {
        for index in 1..<needle.count where haystack[start + index] != needle[index] { continue search }
        return start
      }
      return nil
    }

    static func parseHead(_ bytes: ArraySlice<UInt8>) throws(Failure) -> (status: Int, headers: [String: String]) {
      let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
      let statusParts = lines[0].split(separator: " ", maxSplits: 2)
      guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
        throw .exchange("the answer is not HTTP: '\(HTTPAdapter.excerpt(lines[0]))'")
      }
      var headers: [String: String] = [:]
      for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
      return (status, headers)
    }
  }
}
