/// A parsed or to-be-written JSON document, kept as plain values.
///
/// Integers stay integers (`.int`) so ids, offsets and counts survive a round trip exactly;
/// only numbers with a fraction, an exponent or beyond `Int` become `.double`.
public enum JSONValue: Sendable, Hashable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number without fraction or exponent that fits in `Int`.
  case int(Int)
  /// Any other number.
  case double(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object; key order is not kept (writers sort keys).
  case object([String: JSONValue])

  /// The member named `key`, or nil when this is not an object or has no such member.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The string, or nil when this is not a string.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The integer, also from an integral double that fits in `Int`; nil otherwise.
  public var intValue: Int? {
    switch self {
    case .int(let value):
      return value
    case .double(let value):
      // Some writers (numpy, JavaScript) emit `3.0` for counts; accept those exactly.
      guard value.rounded(.towardZero) == value, let exact = Int(exactly: value) else { return nil }
      return exact
    default:
      return nil
    }
  }

  /// The number as a double, also from an integer; nil otherwise.
  public var doubleValue: Double? {
    switch self {
    case .double(let value): return value
    case .int(let value): return Double(value)
    default: return nil
    }
  }

  /// The boolean, or nil when this is not a boolean.
  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The elements, or nil when this is not an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// The members, or nil when this is not an object.
  public var objectValue: [String: JSONValue]? {
    if case .object(let value) = self { return value }
    return nil
  }

  /// Whether this is `null`.
  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// The kind of value with an article, for error messages ("expected a string, got an object").
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int: return "an integer"
    case .double: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}
