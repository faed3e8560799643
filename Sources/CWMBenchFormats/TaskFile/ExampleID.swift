/// An example's id as a set or dictionary key: equal only when the UTF-8 bytes are equal.
///
/// Swift's `String` equality is canonical equivalence, so `café` written with `é` (NFC) and
/// with `e` + U+0301 (NFD) are one `String` key, while the task check, result lines and
/// `report` compare bytes. Ids are compared as bytes everywhere: two such ids are two examples,
/// and resume must never take one's answer for the other's.
public struct ExampleID: Hashable, Sendable {
  /// The id as written in the task file.
  public let text: String

  /// Wraps `text`.
  public init(_ text: String) { self.text = text }

  /// Whether the two ids have the same UTF-8 bytes.
  public static func == (lhs: ExampleID, rhs: ExampleID) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

  /// Hashes the UTF-8 bytes, the same bytes `==` compares.
  public func hash(into hasher: inout Hasher) {
    var text = self.text
    text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}
