import CWMBenchCore

/// The parameters of one grid cell (docs/task-file.md): its family and that family's own
/// parameters, everything that decides how its examples are drawn.
///
/// Each family's parameters are a type of its own (`FamilyParameters`), so a cell holds no
/// field of another family. Two cells are equal when their families and parameters are; the key
/// (computed once) names the cell in ids, seeds and the report.
public struct CellParameters: Sendable {
  /// The task family.
  public let family: any TaskFamily
  /// The family's own parameters.
  public let parameters: any FamilyParameters
  /// The cell's key: the example id without its index, e.g. `perm/S5/swap/one/T64/k8`.
  ///
  /// Parameters at their defaults are left out so ids stay short; any that differ are
  /// spelled out, so two cells of one suite never share a key.
  public let key: String
  /// The key that seeds the cell's examples (`FamilyParameters.seedKey`): equal for paired cells.
  public let seedKey: String

  /// A cell of `family` with `parameters` (the family's own type).
  public init(family: any TaskFamily, parameters: any FamilyParameters) {
    self.family = family
    self.parameters = parameters
    self.key = parameters.key
    self.seedKey = parameters.seedKey
  }

  /// The family's parameters as their own type (for the family's own code).
  public func parameters<P: FamilyParameters>(as type: P.Type) -> P? { parameters as? P }

  /// The number of steps `T` in the trace.
  public var length: Int { parameters.length }
  /// How often the state is revealed.
  public var spacing: Spacing { parameters.spacing }
  /// How the trace is written as text.
  public var render: RenderKind { parameters.render }
  /// The number of variables reveals may name.
  public var n: Int { parameters.variableCount }

  /// The longest trace: checked before anything is allocated for one.
  public static let maximumLength = 100_000

  /// Checks every constraint (docs/suite-spec.md) and throws one naming the first offending parameter.
  public func validate() throws(GenerationError) {
    guard length >= 1, length <= Self.maximumLength else {
      throw .invalidParameter(
        name: CommonParameter.length.rawValue, value: String(length),
        expected: "an integer from 1 to \(Self.maximumLength)")
    }
    if case .every(let k) = spacing, k < 1 {
      throw .invalidParameter(
        name: CommonParameter.spacing.rawValue, value: String(k), expected: "an integer ≥ 1 or \"final\"")
    }
    try parameters.validate()
  }

  /// Appends the `params` object, keys sorted: the family's own parameters only.
  public func write(to writer: inout JSONWriter) { parameters.write(to: &writer) }
}

extension CellParameters: Hashable {
  public static func == (lhs: CellParameters, rhs: CellParameters) -> Bool {
    lhs.key == rhs.key && lhs.family.name == rhs.family.name && lhs.parameters.isEqual(to: rhs.parameters)
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}

extension CellParameters {
  /// Decodes a task line's `params` object: the keys `family` writes, no others.
  public init(json: JSONValue, family: any TaskFamily) throws(TaskFileError) {
    do throws(TaskFileError) {
      guard let object = json.objectValue else { throw TaskFileError.field("", expected: "an object", got: json) }
      let keys = family.parameterKeys
      if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
        throw TaskFileError.field(
          unknown, expected: "a parameter of \(family.name) (\(keys.joined(separator: ", ")))", got: object[unknown]!)
      }
      self.init(family: family, parameters: try family.parameters(from: ParameterSource(taskLine: object)))
    } catch {
      throw error.inside("params")
    }
  }
}
