/// Renders help, usage lines and parse errors in swift-argument-parser's layout.
///
/// Width is fixed at 80 columns rather than read from the terminal, so help is the same
/// everywhere and can be checked against golden text.
public enum HelpFormatter {
  /// One labelled line of a help section: `--out <dir>` and its help text.
  public struct Entry: Sendable, Hashable {
    /// The left column, e.g. `-o, --out <dir>`.
    public var label: String
    /// The right column, wrapped to the screen width.
    public var text: String

    /// Creates an entry.
    public init(_ label: String, _ text: String) {
      self.label = label
      self.text = text
    }
  }

  /// The width help is wrapped to.
  public static let screenWidth = 80
  /// The indent of each entry's label.
  public static let helpIndent = 2
  /// The column where entry text starts; longer labels push their text to the next line.
  public static let labelColumnWidth = 26

  /// The built-in help entry every command has.
  public static let helpEntry = Entry("-h, --help", "Show help information.")

  /// Writes the full help of `command`; `path` is the command words, e.g. `["cwmbench", "generate"]`.
  public static func writeHelp(
    for command: CommandDescription, path: [String], to output: inout some TextOutputStream
  ) {
    var overview = command.abstract
    if !command.discussion.isEmpty {
      if !overview.isEmpty { overview += "\n" }
      overview += "\n" + command.discussion
    }
    if !overview.isEmpty {
      output.write(wrap("OVERVIEW: " + overview, indent: 0) + "\n\n")
    }
    output.write("USAGE: " + usage(for: command, path: path) + "\n\n")

    let arguments = command.arguments.map { Entry("<\($0.name)>", $0.help) }
    var options = command.options.map { option in
      let defaultText = option.defaultValue.flatMap { $0.isEmpty ? nil : "(default: \($0))" }
      let text = [option.help, defaultText].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
      return Entry(option.helpLabel, text)
    }
    if command.version != nil { options.append(Entry("--version", "Show the version.")) }
    options.append(helpEntry)
    let subcommands = command.subcommands.map { Entry($0.name, $0.abstract) }

    let sections = [("ARGUMENTS", arguments), ("OPTIONS", options), ("SUBCOMMANDS", subcommands)]
      .filter { !$0.1.isEmpty }
      .map { title, entries in
        var text = ""
        writeSection(title, entries: entries, to: &text)
        return text
      }
    output.write(sections.joined(separator: "\n"))
    if !subcommands.isEmpty {
      var words = path
      words.insert("help", at: min(1, words.count))
      output.write("\n  See '\(words.joined(separator: " ")) <subcommand>' for detailed help.\n")
    } else {
      output.write("\n")
    }
    if !command.examples.isEmpty {
      // Sections end with a blank line; the subcommands' closing line does not.
      output.write(subcommands.isEmpty ? "EXAMPLES:\n" : "\nEXAMPLES:\n")
      writeExamples(command.examples, to: &output)
    }
  }

  /// Writes each example: its summary, then its command indented below it.
  public static func writeExamples(_ examples: [CommandExample], to output: inout some TextOutputStream) {
    for example in examples {
      output.write(wrap(example.summary, indent: helpIndent) + "\n")
      output.write(commandLines(example).joined(separator: "\n") + "\n")
    }
  }

  /// An example's command as help prints it: indented, and broken between words with a
  /// trailing ` \` (the shell's continuation, so it still pastes) where one line would pass
  /// the screen width; continuation lines are indented two more columns.
  public static func commandLines(_ example: CommandExample) -> [String] {
    let indent = String(repeating: " ", count: 2 * helpIndent)
    var lines: [String] = []
    var line = indent
    let words = example.shellWords
    for (index, word) in words.enumerated() {
      // A word that is not the last needs room for the ` \` that may follow it.
      let room = index == words.count - 1 ? 0 : 2
      if line.count > indent.count, line.count + 1 + word.count + room > screenWidth {
        lines.append(line + " \\")
        line = indent + "  " + word
      } else {
        line += (line.count > indent.count ? " " : "") + word
      }
    }
    return lines + [line]
  }

  /// Writes a titled section (`OPTIONS:`) with its entries aligned at the label column.
  public static func writeSection(_ title: String, entries: [Entry], to output: inout some TextOutputStream) {
    output.write(title + ":\n")
    for entry in entries {
      writeEntry(entry, to: &output)
    }
  }

  /// Writes one entry: text beside the label when it fits before the column, else below it.
  public static func writeEntry(_ entry: Entry, to output: inout some TextOutputStream) {
    let paddedLabel = String(repeating: " ", count: helpIndent) + entry.label
    output.write(paddedLabel)
    if !entry.text.isEmpty {
      let wrapped = wrap(entry.text, indent: labelColumnWidth)
      if paddedLabel.count < labelColumnWidth {
        output.write(String(wrapped.dropFirst(paddedLabel.count)))
      } else {
        output.write("\n" + wrapped)
      }
    }
    output.write("\n")
  }

  /// The usage line without its `USAGE:` prefix: `cwmbench generate [<options>] [<spec> ...]`.
  ///
  /// Like swift-argument-parser, more than 12 optional items collapse into `[<options>]`
  /// followed by the positional and required ones.
  public static func usage(for command: CommandDescription, path: [String]) -> String {
    let name = path.joined(separator: " ")
    var items: [(synopsis: String, isKept: Bool)] = command.arguments.map { ($0.synopsis, true) }
    for option in command.options {
      var synopsis = option.synopsis()
      if option.isRepeatable { synopsis += " ..." }
      if !option.isRequired { synopsis = "[\(synopsis)]" }
      items.append((synopsis, option.isRequired))
    }
    var line: String
    if items.isEmpty {
      line = name
    } else if items.count > 12 {
      let kept = items.filter(\.isKept).map(\.synopsis)
      line =
        kept.isEmpty || kept.count > 12 ? "\(name) <options>" : "\(name) [<options>] " + kept.joined(separator: " ")
    } else {
      line = ([name] + items.map(\.synopsis)).joined(separator: " ")
    }
    if !command.subcommands.isEmpty { line += " <subcommand>" }
    return line
  }

  /// Writes a usage error: the message, the `Help:` line when there is one, the usage, and where
  /// to find more.
  public static func writeError(
    _ message: String, helpLine: String? = nil, for command: CommandDescription, path: [String],
    to output: inout some TextOutputStream
  ) {
    output.write("Error: \(message)\n")
    if let helpLine { output.write("Help:  \(helpLine)\n") }
    output.write("Usage: \(usage(for: command, path: path))\n")
    output.write("  See '\(path.joined(separator: " ")) --help' for more information.\n")
  }

  /// Wraps `text` to the screen width, indenting every non-empty line by `indent` spaces.
  ///
  /// Words are never split; a word longer than the room left stands on a line of its own.
  /// Existing line breaks are kept.
  public static func wrap(_ text: String, width: Int = screenWidth, indent: Int) -> String {
    let room = max(1, width - indent)
    let margin = String(repeating: " ", count: indent)
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      for word in paragraph.split(separator: " ") {
        if line.isEmpty {
          line = String(word)
        } else if line.count + 1 + word.count <= room {
          line += " " + word
        } else {
          lines.append(line)
          line = String(word)
        }
      }
      lines.append(line)
    }
    return lines.map { $0.isEmpty ? $0 : margin + $0 }.joined(separator: "\n")
  }
}
