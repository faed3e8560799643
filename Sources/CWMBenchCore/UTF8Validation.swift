/// Whether `count` bytes at `p` are well-formed UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
public func isValidUTF8(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
  let raw = UnsafeRawPointer(p)
  var i = 0
  while i < count {
    // ASCII runs, the common case, are skipped eight bytes at a time.
    while i + 8 <= count && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
      i += 8
    }
    guard i < count else { return true }
    let b0 = p[i]
    if b0 < 0x80 {
      i += 1
    } else if b0 < 0xC2 {
      return false
    } else if b0 < 0xE0 {
      guard i + 1 < count, p[i + 1] & 0xC0 == 0x80 else { return false }
      i += 2
    } else if b0 < 0xF0 {
      guard i + 2 < count else { return false }
      let b1 = p[i + 1], b2 = p[i + 2]
      guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return false }
      if b0 == 0xE0 && b1 < 0xA0 { return false }
      if b0 == 0xED && b1 >= 0xA0 { return false }
      i += 3
    } else if b0 < 0xF5 {
      guard i + 3 < count else { return false }
      let b1 = p[i + 1], b2 = p[i + 2], b3 = p[i + 3]
      guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return false }
      if b0 == 0xF0 && b1 < 0x90 { return false }
      if b0 == 0xF4 && b1 >= 0x90 { return false }
      i += 4
    } else {
      return false
    }
  }
  return true
}
