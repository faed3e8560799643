import CWMBenchCore
import CWMBenchFamilies
import CWMBenchFormats

extension GenerateCommand {
  /// A list flag for every family parameter a grid may set, spelled `--max-value` for
  /// `max_value`; the family's decoder reads and checks the values, naming the flag.
  static func parameterDeclarations(_ families: FamilyRegistry) -> [ArgumentDeclaration<GenerateCommand>] {
    let common = Set(CommonParameter.allCases.map(\.rawValue))
    return families.gridOrder.filter { !common.contains($0) }.map { key in
      let help = families.families.lazy.compactMap { $0.parameterHelp[key] }.first ?? "Values of '\(key)'."
      return .keyedList(flagName(of: key), \.parameters, key: key, help: help)
    }
  }

  /// The flag that sets a grid key: `max_value` → `--max-value`.
  static func flagName(of key: String) -> String { "--" + key.replacingOccurrences(of: "_", with: "-") }

  /// The grid the flags describe, one axis per flag given, each value as a spec would hold it,
  /// named by its flag for errors.
  var gridAxes: [SuiteSpec.Axis] {
    var axes: [SuiteSpec.Axis] = []
    if !family.isEmpty {
      axes.append(
        SuiteSpec.Axis(key: TaskExample.Key.family.rawValue, values: family.map { .string($0) }, field: "--family"))
    }
    for (key, values) in parameters.sorted(by: { $0.key < $1.key }) {
      axes.append(SuiteSpec.Axis(key: key, values: values.map(Self.json(ofFlagValue:)), field: Self.flagName(of: key)))
    }
    if !render.isEmpty {
      axes.append(
        SuiteSpec.Axis(
          key: CommonParameter.render.rawValue, values: render.map { .string($0.rawValue) }, field: "--render"))
    }
    if !length.isEmpty {
      axes.append(
        SuiteSpec.Axis(key: CommonParameter.length.rawValue, values: length.map { .int($0) }, field: "--length"))
    }
    if !spacing.isEmpty {
      axes.append(
        SuiteSpec.Axis(key: CommonParameter.spacing.rawValue, values: spacing.map(\.json), field: "--spacing"))
    }
    return axes
  }

  /// A flag's word as the spec would hold it: an integer, a finite number, else text.
  static func json(ofFlagValue text: String) -> JSONValue {
    if let integer = Int(text) { return .int(integer) }
    if let number = Double(text), number.isFinite, text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
      return .double(number)
    }
    return .string(text)
  }
}

extension ArgumentDeclaration {
  /// A repeatable list option whose items (as written) are stored under `key` in a dictionary
  /// property; like `list`, an empty item is an error.
  static func keyedList(
    _ name: String, _ keyPath: WritableKeyPath<Options, [String: [String]]>, key: String, help: String
  ) -> Self {
    let option = OptionDescription([name], valueName: "list", help: help, isRepeatable: true)
    return Self(shape: .option(option), keyPath: keyPath) { options, words throws(ArgumentParsingError) in
      let items = try listItems(words, for: option).map { $0.value ?? "" }
      if !words.isEmpty { options[keyPath: keyPath][key] = items }
    }
  }
}
