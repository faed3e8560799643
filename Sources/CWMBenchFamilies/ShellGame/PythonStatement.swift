import CWMBenchCore
import CWMBenchFormats

/// One Python statement of a trace, written from the trace's values for every format that
/// shows code (`repl` after `>>> `, `cwm` in its context and frames).
///
/// Both formats write statements from here, so neither reads the other's text back.
enum PythonStatement {
  /// `import random`, the first line of a `pfsa` trace.
  case importRandom
  /// `a = 7`, one initial assignment.
  case assignment(variable: Int, value: Int)
  /// `a, b = b, a`, or a hidden `a, b = random.choice([(a, b), (b, a)])`.
  case action(TraceAction)
  /// `print('c', c)` for one variable, or `print(a, b, c)` for all `count` of them.
  case print(variable: Int?, count: Int)

  /// Calls `body` with the trace's statements in execution order, and with each `print`'s reveal.
  ///
  /// - Complexity: O(statements).
  @inline(__always)
  static func forEach(in trace: Trace, _ body: (PythonStatement, Trace.Reveal?) -> Void) {
    if trace.params.shellGame.isPFSA { body(.importRandom, nil) }
    for (variable, value) in trace.initialValues.enumerated() {
      body(.assignment(variable: variable, value: value), nil)
    }
    for step in trace.steps {
      body(.action(step.action), nil)
      if let reveal = step.reveal { body(.print(variable: reveal.variable, count: trace.params.n), reveal) }
    }
  }

  /// Appends `prefix`, the statement and a newline.
  func append(prefix: StaticString, to text: inout [UInt8]) {
    switch self {
    case .importRandom:
      text.appendASCII(prefix)
      text.appendASCII("import random\n")
    case .assignment(let variable, let value):
      text.appendASCII(prefix)
      text.append(VariableName.byte(variable))
      text.appendASCII(" = ")
      text.appendDecimal(value)
      text.append(0x0A)
    case .action(let action) where !action.isHidden:
      Self.appendObserved(action, prefix: prefix, to: &text)
    case .action(let action):
      text.appendASCII(prefix)
      Self.appendNames(action.targets, to: &text)
      text.appendASCII(" = random.choice([")
      for (index, arrangement) in action.arrangements.enumerated() {
        if index > 0 { text.appendASCII(", ") }
        text.append(0x28)
        Self.appendNames(arrangement, to: &text)
        text.append(0x29)
      }
      text.appendASCII("])\n")
    case .print(let variable?, _):
      text.appendASCII(prefix)
      text.appendASCII("print('")
      text.append(VariableName.byte(variable))
      text.appendASCII("', ")
      text.append(VariableName.byte(variable))
      text.appendASCII(")\n")
    case .print(nil, let count):
      text.appendASCII(prefix)
      text.appendASCII("print(")
      Self.appendNames(Array(0..<count), to: &text)
      text.appendASCII(")\n")
    }
  }

  /// The hot path of generation: an observed action's line built in a stack buffer and appended
  /// once, instead of growing the array a byte at a time.
  private static func appendObserved(_ action: TraceAction, prefix: StaticString, to text: inout [UInt8]) {
    let targets = action.targets, sources = action.arrangements[0]
    let length = prefix.utf8CodeUnitCount + 3 * targets.count - 2 + 3 + 3 * sources.count - 2 + 1
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { line in
      var at = 0
      func put(_ byte: UInt8) {
        line[at] = byte
        at += 1
      }
      for offset in 0..<prefix.utf8CodeUnitCount { put(prefix.utf8Start[offset]) }
      for (index, variable) in targets.enumerated() {
        if index > 0 {
          put(0x2C)
          put(0x20)
        }
        put(VariableName.byte(variable))
      }
      put(0x20)
      put(0x3D)
      put(0x20)
      for (index, variable) in sources.enumerated() {
        if index > 0 {
          put(0x2C)
          put(0x20)
        }
        put(VariableName.byte(variable))
      }
      put(0x0A)
      text.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<at]))
    }
  }

  private static func appendNames(_ variables: [Int], to text: inout [UInt8]) {
    for (index, variable) in variables.enumerated() {
      if index > 0 { text.appendASCII(", ") }
      text.append(VariableName.byte(variable))
    }
  }
}
