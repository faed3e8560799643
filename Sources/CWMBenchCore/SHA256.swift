#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A streaming SHA-256 (FIPS 180-4), for manifest and run checksums without a crypto dependency.
public struct SHA256: Sendable {
  private var h0: UInt32 = 0x6a09_e667
  private var h1: UInt32 = 0xbb67_ae85
  private var h2: UInt32 = 0x3c6e_f372
  private var h3: UInt32 = 0xa54f_f53a
  private var h4: UInt32 = 0x510e_527f
  private var h5: UInt32 = 0x9b05_688c
  private var h6: UInt32 = 0x1f83_d9ab
  private var h7: UInt32 = 0x5be0_cd19
  /// Bytes of an incomplete block carried to the next update.
  private var pending: [UInt8] = []
  /// Total message length in bytes.
  private var length: UInt64 = 0

  /// Creates a hasher over the empty message.
  public init() {
    pending.reserveCapacity(64)
  }

  /// Adds `bytes` to the message.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    length &+= UInt64(bytes.count)
    var offset = 0
    if !pending.isEmpty {
      let take = min(64 - pending.count, bytes.count)
      pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
      offset = take
      guard pending.count == 64 else { return }
      let block = pending
      block.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: 1) }
      pending.removeAll(keepingCapacity: true)
    }
    let whole = (bytes.count - offset) / 64
    if whole > 0 {
      compress(blocks: base + offset, count: whole)
      offset += whole * 64
    }
    if offset < bytes.count {
      pending.append(contentsOf: UnsafeRawBufferPointer(start: base + offset, count: bytes.count - offset))
    }
  }

  /// Adds `bytes` to the message.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Pads the message and returns the 32-byte digest; the hasher must not be updated afterwards.
  public mutating func finalize() -> [UInt8] {
    let bitLength = length &* 8
    var tail = pending
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    tail.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: tail.count / 64) }
    pending.removeAll()
    var digest: [UInt8] = []
    digest.reserveCapacity(32)
    for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
      digest.append(UInt8(truncatingIfNeeded: word >> 24))
      digest.append(UInt8(truncatingIfNeeded: word >> 16))
      digest.append(UInt8(truncatingIfNeeded: word >> 8))
      digest.append(UInt8(truncatingIfNeeded: word))
    }
    return digest
  }

  /// The lowercase hex SHA-256 of `bytes`.
  public static func hexDigest(of bytes: [UInt8]) -> String {
    var hasher = SHA256()
    hasher.update(bytes)
    return hex(hasher.finalize())
  }

  /// The lowercase hex SHA-256 of the file at `path`, read in 1 MiB chunks.
  public static func hexDigest(ofFileAt path: String) throws(CoreError) -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .cannotOpen(path: path, reason: errnoReason()) }
    defer { close(fd) }
    return try hexDigest(ofDescriptor: fd, path: path)
  }

  /// The lowercase hex SHA-256 of the open file `fd` from its first byte, read with `pread`
  /// (the descriptor's offset is neither used nor moved); `path` names it in errors.
  public static func hexDigest(ofDescriptor fd: Int32, path: String) throws(CoreError) -> String {
    var hasher = SHA256()
    var offset: off_t = 0
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { chunk.deallocate() }
    while true {
      let count = pread(fd, chunk.baseAddress, chunk.count, offset)
      if count < 0 {
        if errno == EINTR { continue }
        throw .readFailed(path: path, reason: errnoReason())
      }
      if count == 0 { break }
      offset += off_t(count)
      hasher.update(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
    }
    return hex(hasher.finalize())
  }

  /// Lowercase hex of `bytes`.
  static func hex(_ bytes: [UInt8]) -> String {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Runs the compression function over `count` consecutive 64-byte blocks at `blocks`.
  ///
  /// Fully unrolled: the schedule lives in sixteen locals and the working variables
  /// are renamed per round instead of shuffled, so everything stays in registers.
  private mutating func compress(blocks: UnsafeRawPointer, count: Int) {
    var s0 = h0, s1 = h1, s2 = h2, s3 = h3, s4 = h4, s5 = h5, s6 = h6, s7 = h7
    for blockIndex in 0..<count {
      let block = blocks + blockIndex * 64
      var w0 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
      var w1 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
      var w2 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
      var w3 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
      var w4 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
      var w5 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
      var w6 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
      var w7 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
      var w8 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 32, as: UInt32.self))
      var w9 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 36, as: UInt32.self))
      var w10 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 40, as: UInt32.self))
      var w11 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 44, as: UInt32.self))
      var w12 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 48, as: UInt32.self))
      var w13 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 52, as: UInt32.self))
      var w14 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
      var w15 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
      var a = s0, b = s1, c = s2, d = s3, e = s4, f = s5, g = s6, h = s7
      round(a, b, c, &d, e, f, g, &h, 0x428a_2f98 &+ w0)
      round(h, a, b, &c, d, e, f, &g, 0x7137_4491 &+ w1)
      round(g, h, a, &b, c, d, e, &f, 0xb5c0_fbcf &+ w2)
      round(f, g, h, &a, b, c, d, &e, 0xe9b5_dba5 &+ w3)
      round(e, f, g, &h, a, b, c, &d, 0x3956_c25b &+ w4)
      round(d, e, f, &g, h, a, b, &c, 0x59f1_11f1 &+ w5)
      round(c, d, e, &f, g, h, a, &b, 0x923f_82a4 &+ w6)
      round(b, c, d, &e, f, g, h, &a, 0xab1c_5ed5 &+ w7)
      round(a, b, c, &d, e, f, g, &h, 0xd807_aa98 &+ w8)
      round(h, a, b, &c, d, e, f, &g, 0x1283_5b01 &+ w9)
      round(g, h, a, &b, c, d, e, &f, 0x2431_85be &+ w10)
      round(f, g, h, &a, b, c, d, &e, 0x550c_7dc3 &+ w11)
      round(e, f, g, &h, a, b, c, &d, 0x72be_5d74 &+ w12)
      round(d, e, f, &g, h, a, b, &c, 0x80de_b1fe &+ w13)
      round(c, d, e, &f, g, h, a, &b, 0x9bdc_06a7 &+ w14)
      round(b, c, d, &e, f, g, h, &a, 0xc19b_f174 &+ w15)
      w0 = w0 &+ sigma0(w1) &+ w9 &+ sigma1(w14)
      round(a, b, c, &d, e, f, g, &h, 0xe49b_69c1 &+ w0)
      w1 = w1 &+ sigma0(w2) &+ w10 &+ sigma1(w15)
      round(h, a, b, &c, d, e, f, &g, 0xefbe_4786 &+ w1)
      w2 = w2 &+ sigma0(w3) &+ w11 &+ sigma1(w0)
      round(g, h, a, &b, c, d, e, &f, 0x0fc1_9dc6 &+ w2)
      w3 = w3 &+ sigma0(w4) &+ w12 &+ sigma1(w1)
      round(f, g, h, &a, b, c, d, &e, 0x240c_a1cc &+ w3)
      w4 = w4 &+ sigma0(w5) &+ w13 &+ sigma1(w2)
      round(e, f, g, &h, a, b, c, &d, 0x2de9_2c6f &+ w4)
      w5 = w5 &+ sigma0(w6) &+ w14 &+ sigma1(w3)
      round(d, e, f, &g, h, a, b, &c, 0x4a74_84aa &+ w5)
      w6 = w6 &+ sigma0(w7) &+ w15 &+ sigma1(w4)
      round(c, d, e, &f, g, h, a, &b, 0x5cb0_a9dc &+ w6)
      w7 = w7 &+ sigma0(w8) &+ w0 &+ sigma1(w5)
      round(b, c, d, &e, f, g, h, &a, 0x76f9_88da &+ w7)
      w8 = w8 &+ sigma0(w9) &+ w1 &+ sigma1(w6)
      round(a, b, c, &d, e, f, g, &h, 0x983e_5152 &+ w8)
      w9 = w9 &+ sigma0(w10) &+ w2 &+ sigma1(w7)
      round(h, a, b, &c, d, e, f, &g, 0xa831_c66d &+ w9)
      w10 = w10 &+ sigma0(w11) &+ w3 &+ sigma1(w8)
      round(g, h, a, &b, c, d, e, &f, 0xb003_27c8 &+ w10)
      w11 = w11 &+ sigma0(w12) &+ w4 &+ sigma1(w9)
      round(f, g, h, &a, b, c, d, &e, 0xbf59_7fc7 &+ w11)
      w12 = w12 &+ sigma0(w13) &+ w5 &+ sigma1(w10)
      round(e, f, g, &h, a, b, c, &d, 0xc6e0_0bf3 &+ w12)
      w13 = w13 &+ sigma0(w14) &+ w6 &+ sigma1(w11)
      round(d, e, f, &g, h, a, b, &c, 0xd5a7_9147 &+ w13)
      w14 = w14 &+ sigma0(w15) &+ w7 &+ sigma1(w12)
      round(c, d, e, &f, g, h, a, &b, 0x06ca_6351 &+ w14)
      w15 = w15 &+ sigma0(w0) &+ w8 &+ sigma1(w13)
      round(b, c, d, &e, f, g, h, &a, 0x1429_2967 &+ w15)
      w0 = w0 &+ sigma0(w1) &+ w9 &+ sigma1(w14)
      round(a, b, c, &d, e, f, g, &h, 0x27b7_0a85 &+ w0)
      w1 = w1 &+ sigma0(w2) &+ w10 &+ sigma1(w15)
      round(h, a, b, &c, d, e, f, &g, 0x2e1b_2138 &+ w1)
      w2 = w2 &+ sigma0(w3) &+ w11 &+ sigma1(w0)
      round(g, h, a, &b, c, d, e, &f, 0x4d2c_6dfc &+ w2)
      w3 = w3 &+ sigma0(w4) &+ w12 &+ sigma1(w1)
      round(f, g, h, &a, b, c, d, &e, 0x5338_0d13 &+ w3)
      w4 = w4 &+ sigma0(w5) &+ w13 &+ sigma1(w2)
      round(e, f, g, &h, a, b, c, &d, 0x650a_7354 &+ w4)
      w5 = w5 &+ sigma0(w6) &+ w14 &+ sigma1(w3)
      round(d, e, f, &g, h, a, b, &c, 0x766a_0abb &+ w5)
      w6 = w6 &+ sigma0(w7) &+ w15 &+ sigma1(w4)
      round(c, d, e, &f, g, h, a, &b, 0x81c2_c92e &+ w6)
      w7 = w7 &+ sigma0(w8) &+ w0 &+ sigma1(w5)
      round(b, c, d, &e, f, g, h, &a, 0x9272_2c85 &+ w7)
      w8 = w8 &+ sigma0(w9) &+ w1 &+ sigma1(w6)
      round(a, b, c, &d, e, f, g, &h, 0xa2bf_e8a1 &+ w8)
      w9 = w9 &+ sigma0(w10) &+ w2 &+ sigma1(w7)
      round(h, a, b, &c, d, e, f, &g, 0xa81a_664b &+ w9)
      w10 = w10 &+ sigma0(w11) &+ w3 &+ sigma1(w8)
      round(g, h, a, &b, c, d, e, &f, 0xc24b_8b70 &+ w10)
      w11 = w11 &+ sigma0(w12) &+ w4 &+ sigma1(w9)
      round(f, g, h, &a, b, c, d, &e, 0xc76c_51a3 &+ w11)
      w12 = w12 &+ sigma0(w13) &+ w5 &+ sigma1(w10)
      round(e, f, g, &h, a, b, c, &d, 0xd192_e819 &+ w12)
      w13 = w13 &+ sigma0(w14) &+ w6 &+ sigma1(w11)
      round(d, e, f, &g, h, a, b, &c, 0xd699_0624 &+ w13)
      w14 = w14 &+ sigma0(w15) &+ w7 &+ sigma1(w12)
      round(c, d, e, &f, g, h, a, &b, 0xf40e_3585 &+ w14)
      w15 = w15 &+ sigma0(w0) &+ w8 &+ sigma1(w13)
      round(b, c, d, &e, f, g, h, &a, 0x106a_a070 &+ w15)
      w0 = w0 &+ sigma0(w1) &+ w9 &+ sigma1(w14)
      round(a, b, c, &d, e, f, g, &h, 0x19a4_c116 &+ w0)
      w1 = w1 &+ sigma0(w2) &+ w10 &+ sigma1(w15)
      round(h, a, b, &c, d, e, f, &g, 0x1e37_6c08 &+ w1)
      w2 = w2 &+ sigma0(w3) &+ w11 &+ sigma1(w0)
      round(g, h, a, &b, c, d, e, &f, 0x2748_774c &+ w2)
      w3 = w3 &+ sigma0(w4) &+ w12 &+ sigma1(w1)
      round(f, g, h, &a, b, c, d, &e, 0x34b0_bcb5 &+ w3)
      w4 = w4 &+ sigma0(w5) &+ w13 &+ sigma1(w2)
      round(e, f, g, &h, a, b, c, &d, 0x391c_0cb3 &+ w4)
      w5 = w5 &+ sigma0(w6) &+ w14 &+ sigma1(w3)
      round(d, e, f, &g, h, a, b, &c, 0x4ed8_aa4a &+ w5)
      w6 = w6 &+ sigma0(w7) &+ w15 &+ sigma1(w4)
      round(c, d, e, &f, g, h, a, &b, 0x5b9c_ca4f &+ w6)
      w7 = w7 &+ sigma0(w8) &+ w0 &+ sigma1(w5)
      round(b, c, d, &e, f, g, h, &a, 0x682e_6ff3 &+ w7)
      w8 = w8 &+ sigma0(w9) &+ w1 &+ sigma1(w6)
      round(a, b, c, &d, e, f, g, &h, 0x748f_82ee &+ w8)
      w9 = w9 &+ sigma0(w10) &+ w2 &+ sigma1(w7)
      round(h, a, b, &c, d, e, f, &g, 0x78a5_636f &+ w9)
      w10 = w10 &+ sigma0(w11) &+ w3 &+ sigma1(w8)
      round(g, h, a, &b, c, d, e, &f, 0x84c8_7814 &+ w10)
      w11 = w11 &+ sigma0(w12) &+ w4 &+ sigma1(w9)
      round(f, g, h, &a, b, c, d, &e, 0x8cc7_0208 &+ w11)
      w12 = w12 &+ sigma0(w13) &+ w5 &+ sigma1(w10)
      round(e, f, g, &h, a, b, c, &d, 0x90be_fffa &+ w12)
      w13 = w13 &+ sigma0(w14) &+ w6 &+ sigma1(w11)
      round(d, e, f, &g, h, a, b, &c, 0xa450_6ceb &+ w13)
      w14 = w14 &+ sigma0(w15) &+ w7 &+ sigma1(w12)
      round(c, d, e, &f, g, h, a, &b, 0xbef9_a3f7 &+ w14)
      w15 = w15 &+ sigma0(w0) &+ w8 &+ sigma1(w13)
      round(b, c, d, &e, f, g, h, &a, 0xc671_78f2 &+ w15)
      s0 &+= a
      s1 &+= b
      s2 &+= c
      s3 &+= d
      s4 &+= e
      s5 &+= f
      s6 &+= g
      s7 &+= h
    }
    h0 = s0
    h1 = s1
    h2 = s2
    h3 = s3
    h4 = s4
    h5 = s5
    h6 = s6
    h7 = s7
  }
}

@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }

/// One SHA-256 round: `d` receives T1 added in, `h` becomes the new working `a`.
@inline(__always)
private func round(
  _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
  _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
) {
  let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
  let ch = (e & f) ^ (~e & g)
  let t1 = h &+ s1 &+ ch &+ kw
  let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
  let maj = (a & b) ^ (a & c) ^ (b & c)
  d &+= t1
  h = t1 &+ s0 &+ maj
}

@inline(__always)
private func sigma0(_ x: UInt32) -> UInt32 { rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3) }

@inline(__always)
private func sigma1(_ x: UInt32) -> UInt32 { rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10) }
