import CWMBenchCore
import CWMBenchFormats

extension TaskLineScanner {
  /// Reads `initial`: an array of integers or of ASCII strings, kept for the no-tracking floor.
  mutating func initial() throws(Unsupported) {
    truth.initialValues.removeAll(keepingCapacity: true)
    truth.initialStrings.removeAll(keepingCapacity: true)
    var kind: RevealedValueKind?
    try array { scanner throws(Unsupported) in
      scanner.cursor.skipWhitespace()
      if scanner.peek == UInt8(ascii: "\"") {
        guard kind != .integers else { throw Unsupported() }
        kind = .strings
        let span = try scanner.asciiString()
        scanner.truth.initialStrings.append(scanner.truth.text(span))
      } else {
        guard kind != .strings else { throw Unsupported() }
        kind = .integers
        scanner.truth.initialValues.append(try scanner.integer())
      }
    }
    truth.structureKind = kind ?? .integers
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
        integers.append(try scanner.integer())
      }
    }
    return kind == .strings ? .strings(strings) : .integers(integers)
  }
}
