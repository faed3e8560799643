import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore

@Suite(.offCooperativePool) struct JSONParserTests {
  /// Python judge: for each [document, ours] pair, prints whether json.loads agrees with our
  /// compact output (types included, ints beyond Int64 and -0.0 normalised to what JSONValue
  /// can hold) and whether our bytes equal Python's own sorted compact dump.
  static let judge = """
    import json, sys
    def norm(v):
        if isinstance(v, bool) or v is None or isinstance(v, str): return v
        if isinstance(v, int): return v if -2**63 <= v < 2**63 else float(v)
        if isinstance(v, float): return 0.0 if v == 0 else v
        if isinstance(v, list): return [norm(x) for x in v]
        return {k: norm(x) for k, x in v.items()}
    def same(a, b):
        if type(a) is not type(b): return False
        if isinstance(a, list): return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
        if isinstance(a, dict): return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        return a == b
    for doc, ours in json.load(sys.stdin):
        ok = same(norm(json.loads(doc)), json.loads(ours))
        exact = json.dumps(json.loads(doc), sort_keys=True, separators=(',', ':'), ensure_ascii=False) == ours
        print(('ok' if ok else 'diff') + (' exact' if exact else ' inexact'))
    """

  /// Documents chosen to hit escapes, unicode, number edge cases and whitespace; `exact` marks
  /// those whose compact form must equal Python's byte for byte.
  static let tricky: [(doc: String, exact: Bool)] = [
    (#"{"b":1,"a":[true,false,null],"c":{"z":"","y":-0}}"#, true),
    (#""esc \" \\ \/ \b \f \n \r \t \u0000 \u001f \u00e9 \u20AC \ud83d\ude00 end""#, true),
    ("\"raw unicode é € 😀 中文\"", true),
    (#"[1e-05, 0.1, 1.5, -2.5e300, 1E2, 1e+2, 0.0, 123456.789, 1e-7, 0.0001]"#, true),
    (#"[0.30000000000000004, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 1e22, 1e23]"#, true),
    (#"[-0.0, -0]"#, false),
    (#"[9223372036854775807, -9223372036854775808, 9223372036854775808, 123456789012345678901234567890]"#, false),
    (#"[12345678901234567890.5, 0.1e1, 1.00000000000000000000000001, 123456789012345678e-5]"#, true),
    ("  \n\t{ \"a\" : [ 1 , 2 ] }\r\n ", true),
    ("[[[[[]]]],{},[{}],[[],{}]]", true),
    (#"{"a":1,"a":2}"#, true),
    ("0", true),
    ("-0", true),
    ("\"" + String(repeating: "abcdefgh", count: 20) + "\\n" + String(repeating: "é", count: 33) + "\\\"x\"", true),
    (#"{"":{"\u0000":"\u0000"},"\ud834\udd1e":"𝄞"}"#, true),
  ]

  @Test func trickyDocumentsAgreeWithPython() throws {
    var pairs: [JSONValue] = []
    for (doc, _) in Self.tricky {
      let value = try JSONParser.parse(doc)
      pairs.append(.array([.string(doc), .string(JSONWriter.encode(value))]))
    }
    let verdicts = try Python.lines(Self.judge, input: Array(JSONWriter.encode(.array(pairs)).utf8))
    #expect(verdicts.count == Self.tricky.count)
    for (verdict, (doc, exact)) in zip(verdicts, Self.tricky) {
      #expect(verdict.hasPrefix("ok"), "\(doc)")
      if exact { #expect(verdict == "ok exact", "\(doc)") }
    }
  }

  @Test func randomPythonDocumentsRoundTrip() throws {
    // Python invents documents (random nesting, code points, ints, bit-pattern floats) and dumps
    // each in a random style; we parse and re-encode; Python checks the values survived.
    let generator = """
      import json, random, struct, sys
      rng = random.Random(20240611)
      def text():
          pools = [range(0x20, 0x7f), range(0, 0x20), range(0x80, 0x800), range(0x800, 0xd800), range(0xe000, 0x110000)]
          return ''.join(chr(rng.choice(pools[rng.choice([0, 0, 0, 1, 2, 3, 4])])) for _ in range(rng.randrange(0, 40)))
      def number():
          k = rng.randrange(5)
          if k == 0: return rng.randrange(-10, 10)
          if k == 1: return rng.randrange(-2**63, 2**63)
          while True:
              x = struct.unpack('<d', rng.getrandbits(64).to_bytes(8, 'little'))[0]
              if x == x and abs(x) != float('inf'): break
          return [x, rng.random(), round(rng.uniform(-1e6, 1e6), rng.randrange(8))][k - 2]
      def value(depth):
          k = rng.randrange(8 if depth < 4 else 5)
          if k == 0: return rng.choice([None, True, False])
          if k in (1, 2): return number()
          if k in (3, 4): return text()
          if k == 5 or k == 6: return [value(depth + 1) for _ in range(rng.randrange(5))]
          return {text(): value(depth + 1) for _ in range(rng.randrange(5))}
      docs = []
      for i in range(300):
          v = value(0)
          style = rng.randrange(3)
          if style == 0: s = json.dumps(v)
          elif style == 1: s = json.dumps(v, ensure_ascii=False, indent=rng.choice([None, 1, 3]))
          else: s = json.dumps(v, ensure_ascii=False, separators=(',', ':'))
          docs.append(s)
          print(json.dumps(s))
      """
    let lines = try Python.lines(generator)
    #expect(lines.count == 300)
    var pairs: [JSONValue] = []
    for line in lines {
      guard case .string(let doc) = try JSONParser.parse(line) else {
        Issue.record("line is not a JSON string: \(line)")
        continue
      }
      pairs.append(.array([.string(doc), .string(JSONWriter.encode(try JSONParser.parse(doc)))]))
    }
    let verdicts = try Python.lines(Self.judge, input: Array(JSONWriter.encode(.array(pairs)).utf8))
    #expect(verdicts.count == 300)
    #expect(verdicts.allSatisfy { $0.hasPrefix("ok") })
  }

  @Test func integersStayIntegers() throws {
    let value = try JSONParser.parse(
      "[0, -1, 9223372036854775807, -9223372036854775808, 9223372036854775808, 2.0, 1e2]")
    #expect(
      value
        == .array([.int(0), .int(-1), .int(.max), .int(.min), .double(9223372036854775808.0), .double(2), .double(100)])
    )
  }

  @Test func overloadsAgree() throws {
    let text = #"{"k": ["v", 1, 2.5, null]}"#
    let bytes = Array(text.utf8)
    let expected = try JSONParser.parse(text)
    #expect(try JSONParser.parse(bytes) == expected)
    #expect(try JSONParser.parse((Array("xx".utf8) + bytes)[2...]) == expected)
    #expect(try bytes.withUnsafeBytes { try JSONParser.parse($0) } == expected)
  }

  static let malformed: [(input: String, error: JSONError)] = [
    (#"{"a":1 "b":2}"#, .unexpectedCharacter(expected: "',' or '}'", offset: 7)),
    ("[1,2", .unexpectedEnd(expected: "',' or ']'", offset: 4)),
    ("[1,2;", .unexpectedCharacter(expected: "',' or ']'", offset: 4)),
    ("[1,]", .unexpectedCharacter(expected: "a value", offset: 3)),
    ("{\"a\" 1}", .unexpectedCharacter(expected: "':'", offset: 5)),
    ("{1:2}", .unexpectedCharacter(expected: "'\"'", offset: 1)),
    ("{\"a\":1,}", .unexpectedCharacter(expected: "'\"'", offset: 7)),
    ("", .unexpectedEnd(expected: "a value", offset: 0)),
    ("   ", .unexpectedEnd(expected: "a value", offset: 3)),
    ("[01]", .invalidNumber(offset: 1)),
    ("-", .invalidNumber(offset: 0)),
    ("1.", .invalidNumber(offset: 0)),
    (".5", .unexpectedCharacter(expected: "a value", offset: 0)),
    ("1e", .invalidNumber(offset: 0)),
    ("+1", .unexpectedCharacter(expected: "a value", offset: 0)),
    ("NaN", .unexpectedCharacter(expected: "a value", offset: 0)),
    ("[Infinity]", .unexpectedCharacter(expected: "a value", offset: 1)),
    ("-Infinity", .invalidNumber(offset: 0)),
    ("tru", .unexpectedEnd(expected: "'true'", offset: 0)),
    ("nul1", .unexpectedCharacter(expected: "a value", offset: 0)),
    ("\"a\u{01}b\"", .controlCharacter(offset: 2)),
    ("\"tab\there\"", .controlCharacter(offset: 4)),
    (#""\q""#, .invalidEscape(offset: 1)),
    (#""\u12G4""#, .invalidEscape(offset: 1)),
    (#""\ud800""#, .unpairedSurrogate(offset: 1)),
    (#""x\udc00\ud800""#, .unpairedSurrogate(offset: 2)),
    (#""\ud800\u0041""#, .unpairedSurrogate(offset: 1)),
    ("\"abc", .unexpectedEnd(expected: "'\"'", offset: 4)),
    ("{\"a\":1}x", .trailingCharacters(offset: 7)),
    ("1 2", .trailingCharacters(offset: 2)),
  ]

  @Test(arguments: malformed)
  func rejectsMalformedInputAtTheRightOffset(input: String, error: JSONError) {
    #expect(throws: error) { try JSONParser.parse(input) }
  }

  @Test func errorMessagesNameTheOffset() {
    #expect(
      JSONError.unexpectedCharacter(expected: "',' or '}'", offset: 57).description
        == "expected ',' or '}' at offset 57")
    do {
      _ = try JSONParser.parse(#"{"a":1 "b":2}"#)
      Issue.record("parsed malformed input")
    } catch {
      #expect(error.offset == 7)
      #expect(error.description == "expected ',' or '}' at offset 7")
    }
  }

  @Test func rejectsInvalidUTF8InStrings() {
    #expect(throws: JSONError.invalidUTF8(offset: 1)) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    #expect(throws: JSONError.invalidUTF8(offset: 1)) { try JSONParser.parse([0x22, 0x5C, 0x6E, 0xFF, 0x22]) }
  }

  @Test func utf8ValidationAgreesWithPythonStrictDecoding() throws {
    // Byte strings biased toward lead and continuation bytes, so overlongs, surrogates, truncated
    // sequences and values past U+10FFFF all occur; Python's strict decoder is the judge.
    var rng = Xoshiro256(seed: 77)
    let interesting: [UInt8] = [
      0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
      0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF,
    ]
    // Every boundary of the well-formedness table (RFC 3629 section 4), then random bytes.
    var samples: [[UInt8]] = [
      [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80],
      [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
      [0xF5, 0x80, 0x80, 0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE2, 0x82],
      [0xE2, 0x82, 0xAC],
      [0x80], [0xBF], [0xF0, 0x9F, 0x98], [0xF0, 0x9F, 0x98, 0x80], [0xC3, 0xA9, 0x41, 0xC3],
      Array("ascii run longer than eight bytes \u{E9}".utf8), Array("0123456789abcdef".utf8) + [0xED, 0xA0, 0x80],
    ]
    for _ in 0..<3000 {
      samples.append(
        (0..<rng.uniform(in: 1...6)).map { _ in
          rng.uniform(below: 4) == 0
            ? UInt8(rng.uniform(in: 0x20...0xFF)) : interesting[rng.uniform(below: interesting.count)]
        }.map { $0 == 0x22 || $0 == 0x5C ? 0x41 : $0 })
    }
    let hex = samples.map { $0.map { String($0, radix: 16) }.joined(separator: ",") }.joined(separator: "\n")
    let script = """
      import sys
      for line in sys.stdin.read().split('\\n'):
          b = bytes(int(x, 16) for x in line.split(','))
          try:
              print('valid', b.decode('utf-8').encode('utf-8').hex())
          except UnicodeDecodeError:
              print('invalid')
      """
    let verdicts = try Python.lines(script, input: Array(hex.utf8))
    #expect(verdicts.count == samples.count)
    for (sample, verdict) in zip(samples, verdicts) {
      let result = Result { () throws(JSONError) in try JSONParser.parse([0x22] + sample + [0x22]) }
      switch result {
      case .success(let value):
        let roundTrip = Array((value.stringValue ?? "").utf8).map { String(format: "%02x", $0) }.joined()
        #expect(verdict == "valid " + roundTrip, "\(sample)")
      case .failure(let error):
        #expect(verdict == "invalid", "\(sample)")
        #expect(error == .invalidUTF8(offset: 1))
      }
    }
  }

  @Test func nestingLimitIs512() throws {
    let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    var value = try JSONParser.parse(ok)
    var depth = 0
    while case .array(let inner) = value {
      depth += 1
      guard let first = inner.first else { break }
      value = first
    }
    #expect(depth == 512)
    let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
    #expect(throws: JSONError.nestingTooDeep(limit: 512, offset: 512)) { try JSONParser.parse(deep) }
    let deepObjects = String(repeating: "{\"a\":", count: 513) + "1" + String(repeating: "}", count: 513)
    #expect(throws: JSONError.nestingTooDeep(limit: 512, offset: 512 * 5)) { try JSONParser.parse(deepObjects) }
  }
}
