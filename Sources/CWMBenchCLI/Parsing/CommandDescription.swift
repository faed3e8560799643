/// Everything help and usage lines show about one command, made from its declarations.
public struct CommandDescription: Sendable, Hashable {
  /// The word that selects the command: `generate`.
  public var name: String
  /// One sentence: the OVERVIEW line and the subcommand list entry.
  public var abstract: String
  /// An optional paragraph shown after the overview.
  public var discussion: String
  /// Positional arguments, in the order they are taken.
  public var arguments: [ArgumentDescription]
  /// Named options and flags, in the order help lists them.
  public var options: [OptionDescription]
  /// Commands selected by the next word, in the order help lists them.
  public var subcommands: [CommandDescription]
  /// A version string; when set, help lists `--version`.
  public var version: String?

  /// Creates a command description.
  public init(
    name: String, abstract: String, discussion: String = "",
    arguments: [ArgumentDescription] = [], options: [OptionDescription] = [],
    subcommands: [CommandDescription] = [], version: String? = nil
  ) {
    self.name = name
    self.abstract = abstract
    self.discussion = discussion
    self.arguments = arguments
    self.options = options
    self.subcommands = subcommands
    self.version = version
  }

  /// The spellings that ask for help, accepted by every command.
  public static let helpNames = ["-h", "--help"]

  /// The subcommand called `name`, if there is one.
  public func subcommand(named name: String) -> CommandDescription? {
    subcommands.first { $0.name == name }
  }
}
