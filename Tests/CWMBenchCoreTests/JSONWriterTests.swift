import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore

@Suite(.offCooperativePool) struct JSONWriterTests {
  static func compact(_ value: JSONValue) -> String { JSONWriter.encode(value) }

  @Test(arguments: [
    (0.1, "0.1"), (1e-05, "1e-05"), (-0.0, "0.0"), (0.0, "0.0"), (3.0, "3.0"), (-2.5, "-2.5"),
    (1e16, "1e+16"), (1e15, "1000000000000000.0"), (0.0001, "0.0001"), (Double.leastNonzeroMagnitude, "5e-324"),
    (Double.nan, "null"), (Double.infinity, "null"), (-Double.infinity, "null"),
  ])
  func doubleFormat(value: Double, expected: String) {
    #expect(Self.compact(.double(value)) == expected)
  }

  @Test(arguments: [
    (0, "0"), (7, "7"), (-7, "-7"), (10, "10"), (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808"),
  ])
  func intFormat(value: Int, expected: String) {
    #expect(Self.compact(.int(value)) == expected)
  }

  @Test func doublesRoundTripThroughPythonFloat() throws {
    // Random bit patterns cover every exponent; Python's float() reads our text back and reports
    // the bits, and says whether our text is also exactly its own repr.
    var rng = Xoshiro256(seed: 42)
    var values: [Double] = [0.1, 0.2, 0.3, 1.0 / 3.0, 123456.789, 9.5e15, 2e-4, 1e300, -1e-300, 1.7976931348623157e308]
    while values.count < 3000 {
      let candidate =
        rng.uniform(below: 2) == 0
        ? Double(bitPattern: rng.next())
        : (rng.unitInterval() - 0.5) * Double(sign: .plus, exponent: rng.uniform(in: -30...60), significand: 1)
      if candidate.isFinite && candidate != 0 { values.append(candidate) }
    }
    var writer = JSONWriter()
    for value in values {
      writer.writeDouble(value)
      writer.bytes.append(0x0A)
    }
    let script = """
      import struct, sys
      for line in sys.stdin.read().split():
          x = float(line)
          print(struct.unpack('<Q', struct.pack('<d', x))[0], 'same' if repr(x) == line else 'differs')
      """
    let output = try Python.lines(script, input: writer.bytes)
    #expect(output.count == values.count)
    var differing = 0
    for (line, value) in zip(output, values) {
      let parts = line.split(separator: " ")
      #expect(UInt64(parts[0]) == value.bitPattern, "\(value)")
      if parts[1] == "differs" { differing += 1 }
    }
    // Swift switches to exponent form at 2^53 and Python at 1e16; only that band may differ.
    let band = values.filter { abs($0) >= 0x1p53 && abs($0) < 1e16 }.count
    #expect(differing <= band)
  }

  @Test func stringsEscapeLikePython() throws {
    var strings = [
      "", "plain", "quote \" backslash \\ slash /", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1F}\u{7F}",
      "é€😀 中文", String(repeating: "x", count: 3000) + "\n" + String(repeating: "y", count: 100),
    ]
    var rng = Xoshiro256(seed: 5)
    for _ in 0..<200 {
      var scalars = String.UnicodeScalarView()
      for _ in 0..<rng.uniform(below: 30) {
        let pick = rng.uniform(below: 4)
        let value =
          pick == 0
          ? rng.uniform(below: 0x20) : pick == 1 ? rng.uniform(in: 0x20...0x7E) : rng.uniform(in: 0xA0...0xD7FF)
        scalars.append(Unicode.Scalar(UInt32(value))!)
      }
      strings.append(String(scalars))
    }
    let ours = strings.map { Self.compact(.string($0)) }
    let script = """
      import json, sys
      for s in json.loads(sys.stdin.read()): print(json.dumps(json.dumps(s, ensure_ascii=False)))
      """
    let theirs = try Python.lines(script, input: Array(Self.compact(.array(strings.map(JSONValue.string))).utf8))
    #expect(theirs.count == strings.count)
    for (line, mine) in zip(theirs, ours) {
      #expect(try JSONParser.parse(line) == .string(mine))
    }
  }

  @Test func keysSortByUTF8Bytes() {
    let value: JSONValue = .object([
      "b": .int(1), "a": .int(2), "B": .int(3), "é": .int(4), "z": .int(5), "aa": .int(6), "": .int(7),
    ])
    #expect(Self.compact(value) == #"{"":7,"B":3,"a":2,"aa":6,"b":1,"z":5,"é":4}"#)
  }

  @Test func prettyMatchesPythonIndent2() throws {
    let value: JSONValue = .object([
      "name": .string("shell-game"), "seed": .int(1),
      "grid": .object(["length": .array([.int(8), .int(16)]), "spacing": .array([.int(1), .string("final")])]),
      "empty": .array([]), "none": .object([:]), "flags": .array([.bool(true), .null, .double(0.5)]),
      "unicode": .string("é\n"),
    ])
    let ours = JSONWriter.encode(value, pretty: true)
    let script = """
      import json, sys
      sys.stdout.write(json.dumps(json.loads(sys.stdin.read()), indent=2, sort_keys=True, ensure_ascii=False) + '\\n')
      """
    let theirs = String(decoding: try Python.run(script, bytes: Array(ours.utf8)), as: UTF8.self)
    #expect(ours == theirs)
    #expect(ours.hasSuffix("}\n"))
  }

  @Test func rawAndUTF8Writers() {
    var writer = JSONWriter()
    writer.writeRaw("[")
    writer.writeRaw(String("1,"))
    let bytes: [UInt8] = Array("a\"b".utf8)
    bytes.withUnsafeBytes { writer.writeString(utf8: $0) }
    writer.writeRaw("]")
    #expect(String(decoding: writer.bytes, as: UTF8.self) == #"[1,"a\"b"]"#)
  }
}

@Suite(.offCooperativePool) struct JSONValueTests {
  @Test func accessors() throws {
    let value = try JSONParser.parse(#"{"s":"x","i":3,"d":2.5,"di":4.0,"b":true,"a":[1],"o":{},"n":null}"#)
    #expect(value["s"]?.stringValue == "x")
    #expect(value["i"]?.intValue == 3)
    #expect(value["i"]?.doubleValue == 3.0)
    #expect(value["d"]?.intValue == nil)
    #expect(value["d"]?.doubleValue == 2.5)
    #expect(value["di"]?.intValue == 4)
    #expect(value["b"]?.boolValue == true)
    #expect(value["a"]?.arrayValue == [.int(1)])
    #expect(value["o"]?.objectValue == [:])
    #expect(value["n"]?.isNull == true)
    #expect(value["missing"] == nil)
    #expect(value["s"]?["x"] == nil)
    #expect(value["s"]?.intValue == nil)
    #expect(JSONValue.double(1e300).intValue == nil)
  }

  @Test(arguments: [
    (JSONValue.null, "null"), (.bool(true), "a boolean"), (.int(1), "an integer"), (.double(1), "a number"),
    (.string(""), "a string"), (.array([]), "an array"), (.object([:]), "an object"),
  ])
  func typeNames(value: JSONValue, name: String) {
    #expect(value.typeName == name)
  }
}
