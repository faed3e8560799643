import CWMBenchCore

/// The task families cwmbench knows, by name: the one list every stage asks.
///
/// The built-in list is `FamilyRegistry.builtIn` (CWMBenchFamilies); a test or a library user
/// adds a family with `registering(_:)` and hands the registry to the generator, the runner and
/// the report. Names are unique; the list's order is the order of `list` and of report columns.
public struct FamilyRegistry: Sendable {
  /// The families, in order.
  public let families: [any TaskFamily]

  /// A registry of `families`; a later family replaces an earlier one of the same name.
  public init(_ families: [any TaskFamily]) {
    var unique: [any TaskFamily] = []
    for family in families {
      if let index = unique.firstIndex(where: { $0.name == family.name }) {
        unique[index] = family
      } else {
        unique.append(family)
      }
    }
    self.families = unique
  }

  /// The same registry with `family` added, or replacing the family of its name.
  public func registering(_ family: any TaskFamily) -> FamilyRegistry { FamilyRegistry(families + [family]) }

  /// The family called `name`.
  public func family(named name: String) -> (any TaskFamily)? { families.first { $0.name == name } }

  /// The names, quoted, for errors: `'perm', 'pfsa' or 'strings'`.
  public var valueListing: String { listInWords(families.map { "'\($0.name)'" }) }

  /// Every family's report columns, in registry order, each once.
  public var reportColumns: [String] {
    var columns: [String] = []
    for family in families {
      for column in family.reportColumns where !columns.contains(column) { columns.append(column) }
    }
    return columns
  }

  /// Every family's grid keys in one crossing order that keeps each family's own order: a key
  /// new to the list goes just before the next of its family's keys already there.
  ///
  /// - Complexity: O(keys²), a few dozen.
  public var gridOrder: [String] {
    var order: [String] = []
    for family in families {
      let keys = family.gridKeys
      for (position, key) in keys.enumerated() where !order.contains(key) {
        let next = keys[(position + 1)...].first { order.contains($0) }
        order.insert(key, at: next.flatMap { order.firstIndex(of: $0) } ?? order.count)
      }
    }
    return order
  }

  /// Decodes a `family` name from a task line or spec field.
  public func family(_ value: JSONValue, field: String) throws(TaskFileError) -> any TaskFamily {
    guard let name = value.stringValue else { throw .field(field, expected: "a string", got: value) }
    guard let family = family(named: name) else { throw .field(field, expected: valueListing, got: .string(name)) }
    return family
  }
}
