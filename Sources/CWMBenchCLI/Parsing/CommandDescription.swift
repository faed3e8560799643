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
  /// The examples help ends with.
  public var examples: [CommandExample]

  /// Creates a command description.
  public init(
    name: String, abstract: String, discussion: String = "",
    arguments: [ArgumentDescription] = [], options: [OptionDescription] = [],
    subcommands: [CommandDescription] = [], version: String? = nil, examples: [CommandExample] = []
  ) {
    self.name = name
    self.abstract = abstract
    self.discussion = discussion
    self.arguments = arguments
    self.options = options
    self.subcommands = subcommands
    self.version = version
    self.examples = examples
  }

  /// The spellings that ask for help, accepted by every command.
  public static let helpNames = ["-h", "--help"]

  /// The subcommand called `name`, if there is one.
  public func subcommand(named name: String) -> CommandDescription? {
    subcommands.first { $0.name == name }
  }
}

/// One example at the end of a command's help: a line saying what it does, then the command.
public struct CommandExample: Sendable, Hashable {
  /// What the example does, ending with a colon.
  public var summary: String
  /// The words after `cwmbench`, starting with the subcommand: `["eval", "out/default.jsonl"]`.
  public var words: [String]

  /// Creates an example.
  public init(_ summary: String, _ words: [String]) {
    self.summary = summary
    self.words = words
  }

  /// The command as a shell line: words with spaces or quotes are single-quoted.
  public var commandLine: String { shellWords.joined(separator: " ") }

  /// `cwmbench` and the words, each as the shell reads it back.
  public var shellWords: [String] {
    let quoted = words.map { word in
      word.contains { " '\"$*?;&|<>".contains($0) }
        ? "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" : word
    }
    return [CWMBenchCLI.toolName] + quoted
  }
}
