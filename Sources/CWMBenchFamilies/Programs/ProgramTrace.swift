import CWMBenchCore
import CWMBenchFormats

/// One traced run of a corpus program, as the tracer reports it (`cwmbench-programs/1`).
///
/// Text fields hold UTF-8 bytes (decoded from the tracer's JSON), so the renderer copies and
/// compares bytes instead of Swift strings.
public struct ProgramTrace: Sendable, Hashable {
  /// One event `sys.settrace` reported in the context's code.
  public struct Event: Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable {
      case call, line, `return`, exception
    }
    /// What happened.
    public var kind: Kind
    /// The call's number: 1 for `main`, then 2, 3, … in call order.
    public var call: Int
    /// The line of the context, as written, without its newline.
    public var source: [UInt8]
    /// Every local as (name, repr), in CPython's order.
    public var locals: [(name: [UInt8], value: [UInt8])]
    /// The return value's or the exception's repr (`return`, `exception`).
    public var value: [UInt8]?

    /// Creates an event.
    public init(kind: Kind, call: Int, source: [UInt8], locals: [(name: [UInt8], value: [UInt8])], value: [UInt8]?) {
      self.kind = kind
      self.call = call
      self.source = source
      self.locals = locals
      self.value = value
    }

    public static func == (lhs: Event, rhs: Event) -> Bool {
      lhs.kind == rhs.kind && lhs.call == rhs.call && lhs.source == rhs.source && lhs.value == rhs.value
        && lhs.locals.elementsEqual(rhs.locals) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
      hasher.combine(kind)
      hasher.combine(call)
      hasher.combine(source)
      hasher.combine(value)
      for pair in locals {
        hasher.combine(pair.name)
        hasher.combine(pair.value)
      }
    }
  }

  /// The program's name (its corpus file without `.py`).
  public var program: String
  /// The input size the tracer chose.
  public var size: Int
  /// The number of line events.
  public var lineEvents: Int
  /// The CWM context: the program text and the marked `main` calling it.
  public var context: [UInt8]
  /// Every event, in order.
  public var events: [Event]

  /// Creates a trace.
  public init(program: String, size: Int, lineEvents: Int, context: [UInt8], events: [Event]) {
    self.program = program
    self.size = size
    self.lineEvents = lineEvents
    self.context = context
    self.events = events
  }

  /// Why a tracer answer could not be read as a trace: the field and what was wrong.
  public struct DecodingError: Error, CustomStringConvertible {
    /// The message, naming the field.
    public var description: String
  }

  /// Reads a trace from the tracer's answer (or a golden file): `context`, `events` and,
  /// when present, `program`, `size` and `line_events`.
  public init(json: JSONValue) throws(DecodingError) {
    func fail(_ field: String, _ expected: String) -> DecodingError {
      DecodingError(description: "tracer answer: field '\(field)' is not \(expected)")
    }
    guard let context = json["context"]?.stringValue else { throw fail("context", "a string") }
    guard case .array(let rawEvents)? = json["events"] else { throw fail("events", "an array") }
    var events: [Event] = []
    events.reserveCapacity(rawEvents.count)
    var lines = 0
    for (index, raw) in rawEvents.enumerated() {
      let at = "events[\(index)]"
      guard let kindName = raw["kind"]?.stringValue, let kind = Event.Kind(rawValue: kindName) else {
        throw fail(at + ".kind", "call, line, return or exception")
      }
      guard let call = raw["call"]?.intValue else { throw fail(at + ".call", "an integer") }
      guard let source = raw["source"]?.stringValue else { throw fail(at + ".source", "a string") }
      guard case .array(let pairs)? = raw["locals"] else { throw fail(at + ".locals", "an array") }
      var locals: [(name: [UInt8], value: [UInt8])] = []
      locals.reserveCapacity(pairs.count)
      for pair in pairs {
        guard case .array(let items) = pair, items.count == 2, let name = items[0].stringValue,
          let value = items[1].stringValue
        else { throw fail(at + ".locals", "a list of [name, repr] pairs") }
        locals.append((Array(name.utf8), Array(value.utf8)))
      }
      var value: [UInt8]?
      if kind == .return || kind == .exception {
        guard let text = raw["value"]?.stringValue else { throw fail(at + ".value", "a string") }
        value = Array(text.utf8)
      }
      if kind == .line { lines += 1 }
      events.append(Event(kind: kind, call: call, source: Array(source.utf8), locals: locals, value: value))
    }
    if let reported = json["line_events"], reported.intValue != lines {
      throw fail("line_events", "the number of line events in 'events' (\(lines))")
    }
    self.init(
      program: json["program"]?.stringValue ?? "", size: json["size"]?.intValue ?? 0, lineEvents: lines,
      context: Array(context.utf8), events: events)
  }
}
