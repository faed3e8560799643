import CWMBenchCore
import CWMBenchFormats

extension TaskLineScanner {
  /// Reads `initial`: an array of integers or of ASCII strings, kept for the no-tracking floor.
  mutating func initial() throws(Unsupported) {
    truth.initialValues.removeAll(keepingCapacity: true)
    truth.initialStrings.removeAll(keepingCapacity: true)
    switch try revealed() {
    case .integers(let values):
      truth.initialValues.append(contentsOf: values)
      truth.structureKind = .integers
    case .strings(let values):
      truth.initialStrings.append(contentsOf: values)
      truth.structureKind = .strings
    }
  }

  /// A query's `variable`: a name `a`…`z`, as its index.
  mutating func variable() throws(Unsupported) -> Int {
    let range = try plainString()
    guard range.count == 1, let index = VariableName.index(of: String(UnicodeScalar(cursor.p[range.lowerBound])))
    else { throw Unsupported() }
    return index
  }

  /// A query's `values`: integers or ASCII strings, never both.
  mutating func revealed() throws(Unsupported) -> RevealedValues {
    var integers: [Int] = []
    var strings: [String] = []
    var kind: RevealedValueKind?
    try array { scanner throws(Unsupported) in
      scanner.cursor.skipWhitespace()
      if scanner.peek == UInt8(ascii: "\"") {
        guard kind != .integers else { throw Unsupported() }
        kind = .strings
        let span = try scanner.asciiString()
        strings.append(scanner.truth.text(span))
      } else {
        guard kind != .strings else { throw Unsupported() }
        kind = .integers
        integers.append(try scanner.smallInteger())
      }
    }
    return kind == .strings ? .strings(strings) : .integers(integers)
  }

  /// A value's integer: a short run of digits read in place, anything else by `integer()`'s rules.
  mutating func smallInteger() throws(Unsupported) -> Int {
    var index = cursor.i
    var value = 0
    while index < cursor.end, index - cursor.i < 18, cursor.p[index] >= 0x30, cursor.p[index] <= 0x39 {
      value = value * 10 + Int(cursor.p[index] - 0x30)
      index += 1
    }
    let digits = index - cursor.i
    // One digit, or no leading zero; a fraction or exponent goes to the generic rules.
    guard digits > 0, digits == 1 || cursor.p[cursor.i] != 0x30, index < cursor.end,
      cursor.p[index] == UInt8(ascii: ",") || cursor.p[index] == UInt8(ascii: "]")
        || cursor.p[index] == UInt8(ascii: " ")
    else { return try integer() }
    cursor.i = index
    return value
  }
}
