/// A type whose stored properties are a command's options, flags and positional arguments.
///
/// Like a swift-argument-parser `ParsableArguments` type, it is the parsed command line: code
/// reads `options.timeout`, never a string key, so a misspelt name does not compile. Each
/// property's initial value is its default (stated once, shown in help); `declarations` names
/// each property's flag, placeholder and help, and the parser fills a fresh `init()` value.
public protocol ParsableArguments: Sendable {
  /// Every property at its default.
  init()
  /// The options and positional arguments, in the order help lists them.
  static var declarations: [ArgumentDeclaration<Self>] { get }
  /// Sets of options of which at most one may be given (`show --id` and `--index`).
  static var exclusiveOptions: [[PartialKeyPath<Self>]] { get }
}

extension ParsableArguments {
  /// None by default.
  public static var exclusiveOptions: [[PartialKeyPath<Self>]] { [] }

  /// The options as help shows them.
  public static var optionDescriptions: [OptionDescription] {
    declarations.compactMap { declaration in
      if case .option(let option) = declaration.shape { return option }
      return nil
    }
  }

  /// The positional arguments as help shows them.
  public static var argumentDescriptions: [ArgumentDescription] {
    declarations.compactMap { declaration in
      if case .positional(let argument) = declaration.shape { return argument }
      return nil
    }
  }

  /// The flag a property is set by (`--length` for `\.length`), for messages that name it;
  /// nil when the property is not declared as an option.
  public static func optionName(of keyPath: PartialKeyPath<Self>) -> String? {
    for declaration in declarations where declaration.keyPath == keyPath {
      if case .option(let option) = declaration.shape { return option.preferredName }
    }
    return nil
  }
}
