import CWMBenchCore
import CWMBenchEval
import CWMBenchTestSupport
import Testing

@testable import CWMBenchCLI

/// Help as users read it: golden text for every command, plus checks that fail when a declared
/// option or argument is missing from help, so a new option cannot be left out.
@Suite(.offCooperativePool) struct HelpFormatterTests {
  /// `cwmbench COMMAND --help`, verbatim. The text is also what `cwmbench help COMMAND` prints.
  static let golden: [(command: String, help: String)] = [
    (
      "",
      """
      OVERVIEW: Generate state-tracking tasks, evaluate models on them, and report
      accuracy curves.

      USAGE: cwmbench <subcommand>

      OPTIONS:
        --version               Show the version.
        -h, --help              Show help information.

      SUBCOMMANDS:
        generate                Generate tasks of the families perm, pfsa, strings and
                                programs.
        show                    Show one example of a task file with its queries.
        list                    List groups, action kinds, renderers, model adapters,
                                modes and suites.
        eval                    Evaluate a model on a task file.
        rescore                 Extract a generate run's answers again, into a new run
                                folder.
        report                  Summarise eval runs as CSV, SVG plots and HTML.

        See 'cwmbench help <subcommand>' for detailed help.

      EXAMPLES:
        Generate the demo suite:
          cwmbench generate Tasks/default.json
        Evaluate the oracle baseline on it:
          cwmbench eval out/default.jsonl --model oracle
        Write the report to report/index.html:
          cwmbench report runs/default/oracle

      """
    ),
    (
      "generate",
      """
      OVERVIEW: Generate tasks of the families perm, pfsa, strings and programs.

      Each suite spec (Tasks/*.json) becomes NAME.jsonl and NAME.manifest.json in the
      output folder. Without a spec, the grid is taken from the flags; list flags take
      comma-separated values and are crossed. The same spec, split and version always
      give byte-identical files.

      USAGE: cwmbench generate [<options>] [<spec> ...]

      ARGUMENTS:
        <spec>                  Suite spec files (Tasks/*.json).

      OPTIONS:
        --out <dir>             Output folder. (default: out)
        --split <split>         Which split to write: test, train. (default: test)
        --jobs <n>              Examples generated in parallel; defaults to the number
                                of cores.
        --examples <n>          Examples per cell (overrides the spec).
        --seed <s>              Suite seed (overrides the spec).
        --name <name>           Suite name when the grid comes from flags. (default:
                                inline)
        --family <list>         Task families: perm, pfsa, strings, programs.
        --length <list>         Trace lengths: actions, edits or line events per
                                trace.
        --spacing <list>        Actions between reveals, or 'final'.
        --render <list>         Renderers: repl, cwm, nl.
        --group <list>          Groups, e.g. S3,S5,A5,Z7.
        --actions <list>        Action kinds: swap, cycle3, rotate, tuple.
        --reveal <list>         Reveal kinds: one, all.
        --width <list>          Letters of each initial word (strings), 4 to 12;
                                default 6.
        --variables <list>      String variables (strings); default 2.
        --edits <list>          Edit kinds (strings): 'mixed' (default) or kinds
                                joined by '+', e.g. set+swap.
        --start <list>          What variables start as (strings): 'word' (default, a
                                word of the list) or 'random' (random letters, not a
                                word).
        --program <list>        Programs (programs): names from the corpus, or 'all'
                                (default).
        --lines <list>          Executed lines shown (programs): 'all' (default, every
                                line) or 'reveals' (reveal frames only).
        --max-value <list>      Largest initial value; defaults to max(9, n).
        --hidden <list>         Probabilities that an action is hidden (pfsa).
        --choices <list>        Arrangements a hidden action chooses between (pfsa).
        --max-output-gb <gb>    Refuse a suite whose task file would exceed this many
                                GB (estimated before writing). (default: 20)
        --quiet                 Print nothing but errors.
        -h, --help              Show help information.

      EXAMPLES:
        Write the demo suite to out/default.jsonl, with its manifest beside it:
          cwmbench generate Tasks/default.json
        A grid from flags, written to out/inline.jsonl:
          cwmbench generate --family perm --group S5 --length 16,64 --spacing 4
        The training split of a suite, into data/:
          cwmbench generate Tasks/shell-game.json --split train --out data

      """
    ),
    (
      "eval",
      """
      OVERVIEW: Evaluate a model on a task file.

      Writes results.jsonl and run.json into the output folder. Running the same
      command again resumes: examples already answered are skipped. An HTTP model's
      key comes from CWMBENCH_API_KEY or OPENAI_API_KEY, never from a flag.

      USAGE: cwmbench eval [<options>] <tasks> --model <spec>

      ARGUMENTS:
        <tasks>                 A task file (.jsonl) written by generate.

      OPTIONS:
        --model <spec>          oracle, random, last-reveal, exec:COMMAND,
                                http(s)://…/v1, a checkpoint folder or a .gguf file.
        --model-name <name>     The served model's name (an HTTP server's only model
                                by default); the name results use, e.g. --model-name
                                Qwen/Qwen2.5-0.5B
        --mode <mode>           How the model is asked; auto is score when the model
                                can, but generate when a server's score request would
                                make the run over 4 times longer (e.g. --mode
                                generate): auto, score, generate, choice. (default:
                                auto)
        --out <dir>             Output folder for results.jsonl and run.json; defaults
                                to runs/<suite>/<model>.
        --concurrency <n>       Requests in flight at once; defaults to the adapter's
                                preference (64 for exec:, 8 for HTTP).
        --timeout <seconds>     Time allowed for one answer. (default: 120)
        --start-timeout <seconds>
                                Time allowed for the model to start. (default: 600)
        --retries <n>           Retries of a failed request. (default: 3)
        --shard <i/n>           Evaluate only shard i of n.
        --fresh                 Start over instead of resuming.
        --chat                  Generate through an HTTP server's chat template, each
                                question opened by its family's instruction, e.g.
                                --chat --system 'Be terse.' --few-shot 3
        --limit <n>             Evaluate at most n examples.
        --quiet                 Print nothing but errors.
        --max-restarts <n>      Restarts of a crashed adapter process. (default: 3)
        --system <text>         A system prompt (needs --chat), e.g. --system 'Be
                                terse.'
        --instruction <text|@file>
                                Replaces each family's instruction (with --chat), or
                                is put before the text (without), e.g. --instruction
                                @prompt.txt
        --extract <rule>        How the answer is taken from a reply: first-line,
                                last-line or regex:PATTERN (its first group), e.g.
                                --extract 'regex:answer is: (.*)' (default:
                                first-line)
        --max-tokens <n>        Tokens a reply may take, e.g. --max-tokens 64;
                                defaults to twice the answer's bytes, at least 16.
        --temperature <t>       Sampling temperature of generate mode (HTTP, exec:,
                                .gguf and checkpoints; the same request samples the
                                same reply), e.g. --temperature 0.7. (default: 0)
        --few-shot <n>          Solved examples of the same cell before each question,
                                e.g. --few-shot 3.
        --few-shot-from <train.jsonl>
                                The task file 'generate --split train' wrote for the
                                same spec, e.g. --few-shot-from train/s5.jsonl.
        --n-ctx <tokens>        A .gguf model's context, e.g. --n-ctx 4096; defaults
                                to the task file's longest trace, shots and answer.
        --special-tokens <when> CWM's markers as a .gguf's special tokens (e.g.
                                --special-tokens on): auto, on, off. (default: auto)
        -h, --help              Show help information.

      EXAMPLES:
        An adapter program speaking cwmbench/1 on stdin and stdout (results in
        runs/default/…):
          cwmbench eval out/default.jsonl --model 'exec:python3 my_adapter.py'
        A chat server, 3 solved train examples as chat turns before each question, the
        last line kept:
          cwmbench eval s5.jsonl --model http://h:8000/v1 --chat --few-shot 3 \\
            --few-shot-from train/s5.jsonl --extract last-line
        A GGUF model (its context sized from the file), generating at temperature 0.7:
          cwmbench eval s5.jsonl --model m.gguf --mode generate --temperature 0.7

      """
    ),
    (
      "rescore",
      """
      OVERVIEW: Extract a generate run's answers again, into a new run folder.

      Reads the replies a generate run kept in results.jsonl and takes the answer out
      of each with --extract, writing results.jsonl and run.json into --out. The model
      is not asked again and the original folder is not changed.

      USAGE: cwmbench rescore <run> [--extract <rule>] --out <dir>

      ARGUMENTS:
        <run>                   A run folder of 'eval --mode generate' (holding
                                run.json and results.jsonl).

      OPTIONS:
        --extract <rule>        How the answer is taken from a reply: first-line,
                                last-line or regex:PATTERN (its first group).
                                (default: first-line)
        --out <dir>             The new run folder; must not exist or be empty.
        -h, --help              Show help information.

      EXAMPLES:
        The last line of every reply instead of the first:
          cwmbench rescore runs/gemma --extract last-line --out runs/gemma-last
        What follows 'answer is:' in each reply:
          cwmbench rescore runs/gemma --extract 'regex:is: *(.*)' --out runs/gemma-re

      """
    ),
    (
      "report",
      """
      OVERVIEW: Summarise eval runs as CSV, SVG plots and HTML.

      USAGE: cwmbench report <run> ... [--out <dir>] [--train-length <n>] [--markdown] [--title <text>] [--complete-only] [--diff <a,b> ...] [--reference <file.csv> ...] [--paper] [--samples <all|none|n>]

      ARGUMENTS:
        <run>                   Run folders written by eval.

      OPTIONS:
        --out <dir>             Output folder for the report; defaults to report/
                                (with --markdown alone, nothing is written).
        --train-length <n>      Training length to mark on the length plot.
        --markdown              Also print the summary as a Markdown table.
        --title <text>          Title of the HTML report.
        --complete-only         Leave out each model's cells with a failed example or
                                one without a result.
        --diff <a,b>            Write accuracy_diff for this pair alone, as a minus b
                                (both must have run one task file).
        --reference <file.csv>  Published rows (summary.csv's columns and 'source')
                                drawn dashed beside the measured ones; repeatable.
        --paper                 Also write the line plots sized for a 3.25-inch paper
                                column (text at least 8 pt) into OUT/paper/.
        --samples <all|none|n>  Examples per cell the page's sample browser gets
                                (OUT/samples/): all, none, or the first n of each cell
                                (--samples 20 keeps a committed report small).
                                (default: all)
        -h, --help              Show help information.

      EXAMPLES:
        Compare two runs; the page is report/index.html:
          cwmbench report runs/default/oracle runs/default/random
        Add summary.tex's tables and column-sized plots for a paper:
          cwmbench report runs/default/oracle --out paper-report --paper
        A run on s5-final with GPT-5's and CWM's published accuracies beside it:
          cwmbench report runs/gemma --reference Results/published/2602.07672-s5.csv

      """
    ),
    (
      "show",
      """
      OVERVIEW: Show one example of a task file with its queries.

      USAGE: cwmbench show <file> [--id <id>] [--index <n>]

      ARGUMENTS:
        <file>                  A task file (.jsonl) written by generate.

      OPTIONS:
        --id <id>               The example's id.
        --index <n>             The example's line number, from 0. (default: 0)
        -h, --help              Show help information.

      EXAMPLES:
        The first example of the demo suite:
          cwmbench show out/default.jsonl
        Its sixth example:
          cwmbench show out/default.jsonl --index 5

      """
    ),
    (
      "list",
      """
      OVERVIEW: List groups, action kinds, renderers, model adapters, modes and
      suites.

      USAGE: cwmbench list

      OPTIONS:
        -h, --help              Show help information.

      EXAMPLES:
        Everything generate and eval accept, and the suites in Tasks/:
          cwmbench list
        Then generate one of the suites it lists:
          cwmbench generate Tasks/pfsa.json

      """
    ),
  ]

  func help(_ arguments: [String]) async -> (Int32, String, String) {
    let context = CommandContext.memory()
    let status = await CWMBenchCLI.run(arguments: arguments, context: context)
    return (status, context.standardOutput.contents, context.standardError.contents)
  }

  @Test(arguments: golden)
  func helpIsTheGoldenText(command: String, expected: String) async {
    let words = command.isEmpty ? [] : [command]
    for arguments in [words + ["--help"], words + ["-h"], ["help"] + words] {
      let (status, output, errors) = await help(arguments)
      #expect(status == 0)
      #expect(errors.isEmpty)
      #expect(output == expected, "\(arguments)")
    }
  }

  @Test func everyCommandHasGoldenHelp() {
    #expect(Self.golden.map(\.command).filter { !$0.isEmpty }.sorted() == CWMBenchCLI.commands.map { $0.name }.sorted())
  }

  /// Whatever the wording, every declared option and argument is in the help and in the usage
  /// line, with its placeholder and its default.
  @Test func helpListsEveryDeclaredOptionAndArgument() {
    for command in CWMBenchCLI.commands {
      let description = command.description
      var text = ""
      HelpFormatter.writeHelp(for: description, path: ["cwmbench", description.name], to: &text)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let usage = HelpFormatter.usage(for: description, path: ["cwmbench", description.name])
      for option in description.options {
        #expect(
          lines.contains { $0.hasPrefix("  " + option.helpLabel + " ") || $0 == "  " + option.helpLabel },
          "\(description.name): \(option.helpLabel) is missing from help")
        if let defaultValue = option.defaultValue {
          // Wrapping may break the default onto the next line; compare with spaces folded.
          let folded = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
          #expect(folded.contains("(default: \(defaultValue))"), "\(option.helpLabel)")
        }
        #expect(usage.contains(option.synopsis()) || usage.contains("[<options>]"), "\(option.helpLabel)")
      }
      for argument in description.arguments {
        #expect(lines.contains { $0.hasPrefix("  <\(argument.name)> ") }, "\(description.name): <\(argument.name)>")
        #expect(usage.contains(argument.synopsis))
      }
      if !description.options.isEmpty { #expect(text.contains("\nOPTIONS:\n")) }
    }
  }

  /// Enum options list their values in help, taken from the enum, and show their default.
  @Test func enumOptionsListTheirValues() {
    let eval = EvalCommand.description.options.first { $0.names == ["--mode"] }
    #expect(eval?.help.hasSuffix("(e.g. --mode generate): auto, score, generate, choice.") == true)
    #expect(eval?.defaultValue == "auto")
    let generate = GenerateCommand.description.options
    #expect(generate.first { $0.names == ["--render"] }?.help == "Renderers: repl, cwm, nl.")
    #expect(generate.first { $0.names == ["--split"] }?.defaultValue == "test")
    #expect(generate.first { $0.names == ["--group"] }?.isRepeatable == true)
  }

  /// The defaults help shows are the ones the commands run with (stated once, in the library
  /// where the library has one).
  @Test func defaultsInHelpAreTheRunDefaults() {
    let eval = Dictionary(uniqueKeysWithValues: EvalCommand.description.options.map { ($0.names[0], $0.defaultValue) })
    #expect(eval["--timeout"] == "120")
    #expect(eval["--start-timeout"] == "600")
    #expect(eval["--retries"] == "3")
    #expect(eval["--max-restarts"] == "3")
    #expect(eval["--concurrency"] == .some(nil))
    let configuration = EvalConfiguration(tasksPath: "t", outputDirectory: "o", modelSpec: "m")
    #expect(formatNumber(configuration.timeout) == eval["--timeout"])
    #expect(formatNumber(configuration.startTimeout) == eval["--start-timeout"])
    #expect(String(configuration.retries) == eval["--retries"])
  }

  /// Every command's help ends with two or three examples, each a command line that parses
  /// and fits the screen, so an example cannot go stale against the declarations.
  @Test func helpEndsWithExamplesThatParse() throws {
    let described =
      [(CWMBenchCLI.rootDescription, ["cwmbench"])]
      + CWMBenchCLI.commands.map { ($0.description, ["cwmbench", $0.name]) }
    for (description, path) in described {
      #expect((2...3).contains(description.examples.count), "\(description.name)")
      var text = ""
      HelpFormatter.writeHelp(for: description, path: path, to: &text)
      let last = try #require(description.examples.last)
      let lastLines = HelpFormatter.commandLines(last).joined(separator: "\n")
      #expect(text.hasSuffix("\n\(lastLines)\n"), "\(description.name)")
      #expect(text.contains("\n\nEXAMPLES:\n"), "\(description.name)")
      for example in description.examples {
        let lines = HelpFormatter.commandLines(example)
        #expect(lines.allSatisfy { $0.count <= HelpFormatter.screenWidth }, "\(lines)")
        // Lines joined back (continuations removed) are the command line.
        let joined = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.replacingOccurrences(of: " \\ ", with: " ") == example.commandLine)
        let command = try #require(CWMBenchCLI.command(named: example.words[0]), "\(example.words)")
        let parsed = Self.parses(Array(example.words.dropFirst()), as: command)
        #expect(parsed, "\(example.commandLine)")
      }
    }
  }

  /// A command line longer than the screen breaks between words with the shell's ` \`.
  @Test func longExampleCommandsBreakBetweenWords() {
    let words = ["eval", "s5.jsonl", "--model", "http://h:8000/v1", "--chat", "--few-shot", "3"]
    let example = CommandExample("x", words + ["--few-shot-from", "train/s5.jsonl", "--extract", "last-line"])
    #expect(
      HelpFormatter.commandLines(example) == [
        "    cwmbench eval s5.jsonl --model http://h:8000/v1 --chat --few-shot 3 \\",
        "      --few-shot-from train/s5.jsonl --extract last-line",
      ])
    #expect(HelpFormatter.commandLines(CommandExample("x", ["eval", "t"])) == ["    cwmbench eval t"])
  }

  /// Words with spaces are quoted for the shell; plain words are not.
  @Test func exampleCommandLinesQuoteForTheShell() {
    #expect(CommandExample("x", ["eval", "a b", "c"]).commandLine == "cwmbench eval 'a b' c")
    #expect(CommandExample("x", ["report", "it's"]).commandLine == "cwmbench report 'it'\\''s'")
  }

  static func parses<C: Command>(_ words: [String], as _: C.Type) -> Bool {
    (try? ArgumentParser.parse(words, as: C.self)) != nil
  }

  @Test func usageCollapsesManyOptions() {
    #expect(
      HelpFormatter.usage(for: EvalCommand.description, path: ["cwmbench", "eval"])
        == "cwmbench eval [<options>] <tasks> --model <spec>")
    #expect(
      HelpFormatter.usage(for: ShowCommand.description, path: ["cwmbench", "show"])
        == "cwmbench show <file> [--id <id>] [--index <n>]")
    #expect(HelpFormatter.usage(for: ListCommand.description, path: ["cwmbench", "list"]) == "cwmbench list")
  }

  @Test func wrapKeepsWordsWholeAndIndents() {
    #expect(HelpFormatter.wrap("aa bb cc", width: 5, indent: 0) == "aa bb\ncc")
    #expect(HelpFormatter.wrap("aa bb", width: 6, indent: 2) == "  aa\n  bb")
    #expect(HelpFormatter.wrap("averyveryverylongword x", width: 8, indent: 0) == "averyveryverylongword\nx")
    #expect(HelpFormatter.wrap("a\n\nb", width: 80, indent: 4) == "    a\n\n    b")
  }
}
