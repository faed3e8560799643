import CWMBenchCore

extension CellParameters {
  /// Appends the `params` object, keys sorted: the family's own parameters only.
  public func write(to writer: inout JSONWriter) {
    switch family {
    case .perm, .pfsa: writeShellGame(to: &writer)
    case .strings:
      writer.writeKey(Key.edits, first: true)
      writer.writeString(edits.description)
      writer.writeKey(Key.length)
      writer.writeInt(length)
      writer.writeKey(Key.render)
      writer.writeString(render.rawValue)
      writeSpacing(to: &writer)
      writer.writeKey(Key.variables)
      writer.writeInt(variables)
      writer.writeKey(Key.width)
      writer.writeInt(width)
      writer.writeRaw("}")
    case .programs:
      writer.writeKey(Key.length, first: true)
      writer.writeInt(length)
      writer.writeKey(Key.program)
      writer.writeString(program)
      writer.writeKey(Key.render)
      writer.writeString(render.rawValue)
      writeSpacing(to: &writer)
      writer.writeRaw("}")
    }
  }

  private func writeSpacing(to writer: inout JSONWriter) {
    writer.writeKey(Key.spacing)
    switch spacing {
    case .every(let k): writer.writeInt(k)
    case .final: writer.writeString(Spacing.final.description)
    }
  }

  private func writeShellGame(to writer: inout JSONWriter) {
    writer.writeKey(Key.actions, first: true)
    writer.writeString(actions.rawValue)
    writer.writeKey(Key.choices)
    writer.writeInt(choices)
    writer.writeKey(Key.group)
    writer.writeString(group.name)
    writer.writeKey(Key.hidden)
    writeNumber(hidden, to: &writer)
    writer.writeKey(Key.length)
    writer.writeInt(length)
    writer.writeKey(Key.maxValue)
    writer.writeInt(maxValue)
    writer.writeKey(Key.n)
    writer.writeInt(n)
    writer.writeKey(Key.render)
    writer.writeString(render.rawValue)
    writer.writeKey(Key.reveal)
    writer.writeString(reveal.rawValue)
    writeSpacing(to: &writer)
    writer.writeRaw("}")
  }

  /// Decodes a task file's `params` object: the keys the family writes, no others.
  public init(json: JSONValue, family: Family) throws(TaskFileError) {
    do throws(TaskFileError) {
      guard let object = json.objectValue else { throw TaskFileError.field("", expected: "an object", got: json) }
      let keys = Self.keys(of: family).map(\.rawValue)
      if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
        throw TaskFileError.field(
          unknown, expected: "a parameter of \(family.rawValue) (\(keys.joined(separator: ", ")))",
          got: object[unknown]!)
      }
      let spacing: Spacing
      switch json[Key.spacing.rawValue] {
      case .string(Spacing.final.description): spacing = .final
      case .int(let k) where k >= 1: spacing = .every(k)
      case let other:
        throw TaskFileError.field(Key.spacing.rawValue, expected: "an integer ≥ 1 or \"final\"", got: other ?? .null)
      }
      func parse<T: RawRepresentable & CaseIterable>(_ key: Key, _ type: T.Type) throws(TaskFileError) -> T
      where T.RawValue == String {
        let raw = try json.required(key, as: \.stringValue, "a string")
        guard let value = T(rawValue: raw) else {
          throw .field(key.rawValue, expected: T.valueListing, got: .string(raw))
        }
        return value
      }
      let length = try json.required(Key.length, as: \.intValue, "an integer")
      let render = try parse(.render, RenderKind.self)
      switch family {
      case .perm, .pfsa:
        let groupName = try json.required(Key.group, as: \.stringValue, "a string")
        let group: Group
        do { group = try Group(parsing: groupName) } catch { throw TaskFileError.invalid(Key.group.rawValue, error) }
        self.init(
          family: family, group: group, length: length, spacing: spacing,
          actions: try parse(.actions, ActionKind.self),
          reveal: try parse(.reveal, RevealKind.self),
          maxValue: try json.required(Key.maxValue, as: \.intValue, "an integer"),
          hidden: try json.required(Key.hidden, as: \.doubleValue, "a number"),
          choices: try json.required(Key.choices, as: \.intValue, "an integer"),
          render: render)
      case .strings:
        let editsName = try json.required(Key.edits, as: \.stringValue, "a string")
        let edits: EditSelection
        do { edits = try EditSelection(parsing: editsName) } catch {
          throw TaskFileError.invalid(Key.edits.rawValue, error)
        }
        self = .strings(
          length: length, spacing: spacing, width: try json.required(Key.width, as: \.intValue, "an integer"),
          variables: try json.required(Key.variables, as: \.intValue, "an integer"), edits: edits, render: render)
      case .programs:
        self = .programs(
          length: length, spacing: spacing, program: try json.required(Key.program, as: \.stringValue, "a string"),
          render: render)
      }
    } catch {
      throw error.inside("params")
    }
  }

  /// The keys a family's `params` object has, in written (sorted) order.
  public static func keys(of family: Family) -> [Key] {
    switch family {
    case .perm, .pfsa: return shellGameKeys
    case .strings: return stringsKeys
    case .programs: return programsKeys
    }
  }

  private static let shellGameKeys: [Key] = [
    .actions, .choices, .group, .hidden, .length, .maxValue, .n, .render, .reveal, .spacing,
  ]
  private static let stringsKeys: [Key] = [.edits, .length, .render, .spacing, .variables, .width]
  private static let programsKeys: [Key] = [.length, .program, .render, .spacing]
}
