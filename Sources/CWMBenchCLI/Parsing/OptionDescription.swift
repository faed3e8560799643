/// A named option or flag as help and usage lines show it, e.g. `-o, --out <dir>` or `--quiet`.
///
/// Made from an `ArgumentDeclaration`; the parsed value lives in the command's typed property.
public struct OptionDescription: Sendable, Hashable {
  /// Every spelling, with dashes, in the order help lists them: `["-o", "--out"]`.
  public var names: [String]
  /// The placeholder for the value (`dir` renders as `<dir>`); nil makes the option a flag.
  public var valueName: String?
  /// One line of help; the default is appended when there is one.
  public var help: String
  /// The default as help shows it, `(default: …)`: the declared property's initial value.
  public var defaultValue: String?
  /// Whether giving the option several times collects every value instead of keeping the last.
  public var isRepeatable: Bool
  /// Whether the command cannot run without it.
  public var isRequired: Bool

  /// Creates an option; a nil `valueName` makes it a flag.
  public init(
    _ names: [String], valueName: String?, help: String, defaultValue: String? = nil,
    isRepeatable: Bool = false, isRequired: Bool = false
  ) {
    self.names = names
    self.valueName = valueName
    self.help = help
    self.defaultValue = defaultValue
    self.isRepeatable = isRepeatable
    self.isRequired = isRequired
  }

  /// Whether the option is a flag (takes no value).
  public var isFlag: Bool { valueName == nil }

  /// The spelling usage lines show: the first long name, else the first name.
  public var preferredName: String {
    names.first(where: { $0.hasPrefix("--") }) ?? names[0]
  }

  /// The option as one name and its value placeholder: `--out <dir>`, or just `--quiet`.
  public func synopsis(using name: String? = nil) -> String {
    let name = name ?? preferredName
    guard let valueName else { return name }
    return "\(name) <\(valueName)>"
  }

  /// The label in the OPTIONS section: every name, then the placeholder (`-o, --out <dir>`).
  public var helpLabel: String {
    let joined = names.joined(separator: ", ")
    guard let valueName else { return joined }
    return "\(joined) <\(valueName)>"
  }
}
