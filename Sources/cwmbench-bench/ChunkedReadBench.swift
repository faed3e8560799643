import CWMBenchEval
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The chunked-HTTP figure of `make bench`: how fast the HTTP adapter reads an answer sent in
/// 16-byte chunks by a loopback server, at two sizes, in MB/s (equal rates mean linear time).
///
/// The server (`Tests/Fixtures/raw_http_server.py`) builds the whole chunked answer before it
/// listens and sends it in one go, so the figure is the client's reading and de-chunking, not
/// Python's writing. Before incremental de-chunking, 2 MB took 14 s.
enum ChunkedReadBench {
  static func fmt(_ value: Double, _ digits: Int = 1) -> String {
    String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
  }

  /// Prints the section: one read per size, best of three.
  static func run(packageRoot: String) async throws {
    print("chunked http  (loopback server, a JSON answer in 16-byte chunks of Transfer-Encoding: chunked)")
    for megabytes in [1, 4] {
      let bytes = megabytes << 20
      let server = try LoopbackServer(
        packageRoot: packageRoot, script: "raw_http_server.py",
        arguments: ["--chunked-bytes", String(bytes), "--time-limit", "120"])
      defer { server.stop() }
      let port = server.port
      // Start-up asks `/v1/models` and parses the answer, nothing more: the figure is reading
      // and de-chunking (a chat answer's first-line search would dominate it).
      let adapter = HTTPAdapter(
        baseURL: URL(string: "http://127.0.0.1:\(port)/v1")!, modelName: nil, chat: true, apiKey: nil,
        log: { _ in })
      var best = Double.infinity
      for _ in 0..<3 {
        let started = Date()
        guard try await adapter.start().name == "raw" else { fatalError("the raw server's model list was misread") }
        best = min(best, Date().timeIntervalSince(started))
      }
      await adapter.shutdown()
      // The wire carries each 16-byte chunk with its size line and CRLF: "10\r\n" + 16 + "\r\n".
      let wire = Double(bytes) * 22 / 16
      print(
        "  \(megabytes) MiB of JSON (\(fmt(wire / 1e6)) MB on the wire): \(fmt(best, 3)) s, \(fmt(Double(bytes) / best / 1e6)) MB/s (best of 3)"
      )
    }
    print("")
  }
}
