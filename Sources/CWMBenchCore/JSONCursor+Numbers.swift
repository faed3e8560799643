private let minus: UInt8 = 0x2D
private let plus: UInt8 = 0x2B
private let dot: UInt8 = 0x2E
private let zero: UInt8 = 0x30

/// Exact powers of ten for Clinger's fast path (every one below 1e23 is a Double exactly).
private let exactPowersOfTen: [Double] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
  1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

extension JSONCursor {
  // MARK: Numbers

  @inline(__always)
  func isDigit(_ c: UInt8) -> Bool { c &- zero < 10 }

  public mutating func parseNumber() throws(JSONError) -> JSONValue {
    let start = i
    let negative = p[i] == minus
    if negative { i += 1 }
    guard i < end, isDigit(p[i]) else { throw .invalidNumber(offset: start) }

    var mantissa: UInt64 = 0
    var mantissaOverflow = false
    @inline(__always) func accumulate(_ c: UInt8) {
      let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(UInt64(c &- zero))
      if o1 || o2 { mantissaOverflow = true } else { mantissa = sum }
    }

    if p[i] == zero {
      i += 1
      if i < end && isDigit(p[i]) { throw .invalidNumber(offset: start) }
    } else {
      while i < end, isDigit(p[i]) {
        accumulate(p[i])
        i += 1
      }
    }

    var fractionDigits = 0
    var isInteger = true
    if i < end && p[i] == dot {
      isInteger = false
      i += 1
      guard i < end, isDigit(p[i]) else { throw .invalidNumber(offset: start) }
      while i < end, isDigit(p[i]) {
        accumulate(p[i])
        fractionDigits += 1
        i += 1
      }
    }

    var exponent = 0
    if i < end && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
      isInteger = false
      i += 1
      var exponentNegative = false
      if i < end && (p[i] == plus || p[i] == minus) {
        exponentNegative = p[i] == minus
        i += 1
      }
      guard i < end, isDigit(p[i]) else { throw .invalidNumber(offset: start) }
      while i < end, isDigit(p[i]) {
        // Saturate: anything this large is 0 or infinity anyway, and the slow path decides which.
        if exponent < 100_000 { exponent = exponent * 10 + Int(p[i] &- zero) }
        i += 1
      }
      if exponentNegative { exponent = -exponent }
    }

    if isInteger && !mantissaOverflow {
      if !negative && mantissa <= UInt64(Int.max) { return .int(Int(mantissa)) }
      if negative && mantissa <= UInt64(Int.max) + 1 { return .int(Int(truncatingIfNeeded: 0 &- mantissa)) }
    }
    // Clinger's fast path: both the mantissa and the power of ten are exact doubles, so one
    // correctly rounded multiply or divide gives the correctly rounded result.
    let decimalExponent = exponent - fractionDigits
    if !mantissaOverflow && mantissa < (1 << 53) && decimalExponent >= -22 && decimalExponent <= 22 {
      var value = Double(mantissa)
      if decimalExponent >= 0 {
        value *= exactPowersOfTen[decimalExponent]
      } else {
        value /= exactPowersOfTen[-decimalExponent]
      }
      return .double(negative ? -value : value)
    }
    let text = String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
    guard let value = Double(text) else { throw .invalidNumber(offset: start) }
    return .double(value)
  }
}
