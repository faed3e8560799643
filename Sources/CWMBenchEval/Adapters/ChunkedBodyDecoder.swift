/// Decodes a `Transfer-Encoding: chunked` body as it arrives, in time linear in its length.
///
/// The plain HTTP client used to de-chunk the whole buffer again after every read, to find
/// out whether the last chunk had come: 2 MB in 16-byte chunks took 14 s. Here each byte is
/// looked at once, whatever the chunk size, and every size is checked before any arithmetic
/// uses it, so a server announcing a chunk of `7fffffffffffffff` bytes is an error, not an
/// overflow.
struct ChunkedBodyDecoder {
  private enum Phase {
    /// Reading a chunk-size line.
    case size
    /// Copying the current chunk's data.
    case data
    /// Expecting the CRLF that ends a chunk's data.
    case dataEnd
  }

  /// The body decoded so far.
  private(set) var body: [UInt8] = []
  /// Whether the last (zero-size) chunk has been read; trailers after it are not needed.
  private(set) var isComplete = false
  private var phase = Phase.size
  /// The bytes of the line being read (a size line, or a chunk's closing CRLF).
  private var line: [UInt8] = []
  /// Data bytes of the current chunk still to come.
  private var remaining = 0
  /// The largest body accepted.
  let limit: Int

  /// A size line longer than this is not HTTP (sixteen hex digits and a few extensions fit).
  static let maximumLineBytes = 1024

  /// A decoder accepting bodies of at most `limit` bytes.
  init(limit: Int) {
    self.limit = limit
  }

  /// Decodes `bytes`, the next part of the body as received.
  mutating func feed(_ bytes: ArraySlice<UInt8>) throws(PlainHTTPClient.Failure) {
    var index = bytes.startIndex
    while index < bytes.endIndex && !isComplete {
      if case .data = phase {
        let count = min(remaining, bytes.endIndex - index)
        body.append(contentsOf: bytes[index..<(index + count)])
        index += count
        remaining -= count
        if remaining == 0 { phase = .dataEnd }
        continue
      }
      let byte = bytes[index]
      index += 1
      guard byte == 0x0A else {
        line.append(byte)
        guard line.count <= Self.maximumLineBytes else {
          throw .malformed("a chunked answer has a chunk-size line longer than \(Self.maximumLineBytes) bytes")
        }
        continue
      }
      if line.last == 0x0D { line.removeLast() }
      defer { line.removeAll(keepingCapacity: true) }
      try endLine()
    }
  }

  private mutating func endLine() throws(PlainHTTPClient.Failure) {
    switch phase {
    case .data:
      break
    case .dataEnd:
      guard line.isEmpty else { throw .malformed("a chunk of a chunked answer is longer than its size says") }
      phase = .size
    case .size:
      let size = try Self.chunkSize(line, limit: limit - body.count)
      if size == 0 {
        isComplete = true
      } else {
        remaining = size
        phase = .data
      }
    }
  }

  /// The size a chunk-size line announces (hex digits, then optional `;extensions`), at most `limit`.
  ///
  /// Read straight from the bytes: a 16-byte chunk has a size line of its own, and allocating
  /// for each one cost more than copying the chunk.
  static func chunkSize(_ line: [UInt8], limit: Int) throws(PlainHTTPClient.Failure) -> Int {
    var size = 0
    var digits = 0
    for byte in line {
      if byte == 0x3B { break }  // ';' starts the chunk extensions
      if byte == 0x20 || byte == 0x09 { continue }
      guard let digit = hexValue(byte) else { throw badSize(line) }
      digits += 1
      // Checked digit by digit, so no length, however long, overflows.
      size = size * 16 + digit
      guard size <= limit else {
        throw .malformed(
          "a chunked answer announces a chunk of '\(text(of: line))' (hex) bytes, "
            + "more than the \(PlainHTTPClient.maximumResponseBytes >> 20) MiB an answer may have")
      }
    }
    guard digits > 0 else { throw badSize(line) }
    return size
  }

  private static func badSize(_ line: [UInt8]) -> PlainHTTPClient.Failure {
    .malformed("a chunked answer has a bad chunk size '\(text(of: line))'")
  }

  /// The size part of a size line, for a message.
  private static func text(of line: [UInt8]) -> String {
    let digits = line.prefix { $0 != 0x3B }.filter { $0 != 0x20 && $0 != 0x09 }
    return HTTPAdapter.excerpt(String(decoding: digits, as: UTF8.self))
  }

  private static func hexValue(_ byte: UInt8) -> Int? {
    switch byte {
    case 0x30...0x39: return Int(byte - 0x30)
    case 0x41...0x46: return Int(byte - 0x41 + 10)
    case 0x61...0x66: return Int(byte - 0x61 + 10)
    default: return nil
    }
  }
}
