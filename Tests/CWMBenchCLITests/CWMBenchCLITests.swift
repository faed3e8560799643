import CWMBenchCore
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI

/// The command line end to end, in process: what each mistake prints and which status it exits with.
@Suite(.offCooperativePool) struct CWMBenchCLITests {
  /// The usage line each command's errors end with.
  static let usage: [String: String] = [
    "": "cwmbench <subcommand>",
    "generate": "cwmbench generate [<options>] [<spec> ...]",
    "eval": "cwmbench eval [<options>] <tasks> --model <spec>",
    "report":
      "cwmbench report <run> ... [--out <dir>] [--train-length <n>] [--markdown] [--title <text>] [--complete-only] "
      + "[--diff <a,b> ...] [--reference <file.csv> ...] [--paper] [--samples <all|none|n>]",
    "show": "cwmbench show <file> [--id <id>] [--index <n>]",
    "list": "cwmbench list",
  ]

  /// Command lines that are wrong, the status (64: usage), and the error lines before the usage.
  static let usageErrors: [([String], Int32, String)] = [
    (
      ["generate", "--jobs", "x", "--family", "perm", "--group", "S5", "--length", "8", "--spacing", "1"], 64,
      "Error: The value 'x' is invalid for '--jobs <n>': expected an integer\nHelp:  --jobs <n>  Examples generated in parallel; defaults to the number of cores.\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "Q5", "--length", "8", "--spacing", "1"], 64,
      "Error: option '--group': unknown group 'Q5' (expected S<n>, A<n> or Z<n> with 2 ≤ n ≤ 26)\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "A5", "--actions", "swap", "--length", "8", "--spacing", "1"], 64,
      "Error: option '--actions': actions 'swap' are not in group 'A5'\n"
    ),
    (
      ["generate", "--family", "pfsa", "--group", "S5", "--choices", "7", "--length", "8", "--spacing", "1"], 64,
      "Error: option '--choices': invalid choices '7': expected 2…2 for 'swap' actions in 'S5'\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--length", "8", "--spacing", "0"], 64,
      "Error: option '--spacing': expected an integer ≥ 1 or \"final\", got '0'\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--length", "eight", "--spacing", "1"], 64,
      "Error: The value 'eight' is invalid for '--length <list>': expected an integer\nHelp:  --length <list>  Trace lengths: actions, edits or line events per trace.\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--length", "8,,3", "--spacing", "1"], 64,
      "Error: The value '8,,3' is invalid for '--length <list>': empty item in comma-separated list\nHelp:  --length <list>  Trace lengths: actions, edits or line events per trace.\n"
    ),
    (
      ["generate", "--family", "foo", "--group", "S5", "--length", "8", "--spacing", "1"], 64,
      "Error: The value 'foo' is invalid for '--family <list>': expected perm, pfsa, strings or programs\nHelp:  --family <list>  Task families: perm, pfsa, strings, programs.\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--length", "8"], 64,
      "Error: missing option '--spacing'\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--spacing", "1", "--length", "8", "--max-value", "0"], 64,
      "Error: option '--max-value': expected an integer ≥ 1, got '0'\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--spacing", "1", "--length", "8", "--name", "a b"], 64,
      "Error: option '--name': expected letters, digits, '-', '_' or '.', got 'a b'\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--spacing", "1", "--length", "8", "--hidden", "2"], 64,
      "Error: option '--hidden': expected a probability from 0 to 1, got '2'\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--spacing", "1", "--length", "8", "--split", "foo"], 64,
      "Error: The value 'foo' is invalid for '--split <split>': expected test or train\nHelp:  --split <split>  Which split to write: test, train.\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--spacing", "1", "--length", "8", "--seed", "-1"], 64,
      "Error: The value '-1' is invalid for '--seed <s>': expected a non-negative integer\nHelp:  --seed <s>  Suite seed (overrides the spec).\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--spacing", "1", "--length", "8", "--examples", "0"], 64,
      "Error: The value '0' is invalid for '--examples <n>': expected 1 to 10000000\nHelp:  --examples <n>  Examples per cell (overrides the spec).\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--spacing", "1", "--length", "8", "--reveal", "some"], 64,
      "Error: option '--reveal': expected 'one' or 'all', got 'some'\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--spacing", "1", "--length", "8", "--render", "x"], 64,
      "Error: The value 'x' is invalid for '--render <list>': expected repl, cwm or nl\nHelp:  --render <list>  Renderers: repl, cwm, nl.\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--spacing", "1", "--length", "8", "--quiet=1"], 64,
      "Error: The option '--quiet' does not take any value, but '1' was specified.\n"
    ),
    (
      ["generate", "--family", "perm", "--group", "S5", "--spacing", "1", "--length", "8", "--bogus"], 64,
      "Error: Unknown option '--bogus'\n"
    ),
    (
      ["generate", "--out"], 64,
      "Error: Missing value for '--out <dir>'\nHelp:  --out <dir>  Output folder.\n"
    ),
    (
      ["generate"], 64,
      "Error: Missing expected argument '<spec>' (or give the grid inline: --family perm --group S5 --length 16 --spacing 1,4)\n"
    ),
    (
      ["eval"], 64,
      "Error: Missing expected argument '<tasks>'\n"
    ),
    (
      ["eval", "x.jsonl"], 64,
      "Error: Missing expected argument '--model <spec>'\n"
    ),
    (
      ["eval", "x.jsonl", "--model", "oracle", "--mode", "foo"], 64,
      "Error: The value 'foo' is invalid for '--mode <mode>': expected auto, score, generate or choice\nHelp:  --mode <mode>  How the model is asked; auto is score when the model can, but generate when a server's score request would make the run over 4 times longer (e.g. --mode generate): auto, score, generate, choice.\n"
    ),
    (
      ["eval", "x.jsonl", "--model", "oracle", "--timeout", "0"], 64,
      "Error: The value '0' is invalid for '--timeout <seconds>': expected seconds > 0 and at most 1000000\nHelp:  --timeout <seconds>  Time allowed for one answer.\n"
    ),
    (
      ["eval", "x.jsonl", "--model", "oracle", "--timeout", "abc"], 64,
      "Error: The value 'abc' is invalid for '--timeout <seconds>': expected a number\nHelp:  --timeout <seconds>  Time allowed for one answer.\n"
    ),
    (
      ["eval", "x.jsonl", "--model", "oracle", "--retries", "-1"], 64,
      "Error: The value '-1' is invalid for '--retries <n>': expected 0 or more\nHelp:  --retries <n>  Retries of a failed request.\n"
    ),
    (
      ["eval", "x.jsonl", "--model", "oracle", "--concurrency", "0"], 64,
      "Error: The value '0' is invalid for '--concurrency <n>': expected at least 1\nHelp:  --concurrency <n>  Requests in flight at once; defaults to the adapter's preference (64 for exec:, 8 for HTTP).\n"
    ),
    (
      ["eval", "x.jsonl", "--model", "oracle", "--shard", "3/2"], 64,
      "Error: The value '3/2' is invalid for '--shard <i/n>': expected I/N with 1 ≤ I ≤ N\nHelp:  --shard <i/n>  Evaluate only shard i of n.\n"
    ),
    (
      ["eval", "x.jsonl", "--model", "oracle", "--start-timeout", "0"], 64,
      "Error: The value '0' is invalid for '--start-timeout <seconds>': expected seconds > 0 and at most 1000000\nHelp:  --start-timeout <seconds>  Time allowed for the model to start.\n"
    ),
    (
      ["eval", "x.jsonl", "--model", "oracle", "--limit", "z"], 64,
      "Error: The value 'z' is invalid for '--limit <n>': expected an integer\nHelp:  --limit <n>  Evaluate at most n examples.\n"
    ),
    (
      ["eval", "x.jsonl", "y.jsonl", "--model", "oracle"], 64,
      "Error: Unexpected argument 'y.jsonl'\n"
    ),
    (
      ["eval", "x.jsonl", "--model", "nosuch"], 64,
      "Error: unknown model 'nosuch': expected oracle, random, last-reveal, exec:COMMAND, http(s)://…/v1, a checkpoint directory or a .gguf file\n"
    ),
    (
      ["report"], 64,
      "Error: Missing expected argument '<run> ...'\n"
    ),
    (
      ["report", "--train-length", "0", "r"], 64,
      "Error: The value '0' is invalid for '--train-length <n>': expected at least 1\nHelp:  --train-length <n>  Training length to mark on the length plot.\n"
    ),
    (
      ["show"], 64,
      "Error: Missing expected argument '<file>'\n"
    ),
    (
      ["show", "f", "--id", "a", "--index", "1"], 64,
      "Error: give either --id or --index, not both\n"
    ),
    (
      ["show", "f", "--index", "-1"], 64,
      "Error: The value '-1' is invalid for '--index <n>': expected 0 or more\nHelp:  --index <n>  The example's line number, from 0.\n"
    ),
    (
      ["list", "extra"], 64,
      "Error: Unexpected argument 'extra'\n"
    ),
    (
      ["list", "--x"], 64,
      "Error: Unknown option '--x'\n"
    ),
    (
      ["help", "eval", "extra"], 64,
      "Error: Unexpected argument 'extra'\n"
    ),
    (
      ["help", "nosuch"], 64,
      "Error: Unknown subcommand 'nosuch'\n"
    ),
    (
      ["nosuch"], 64,
      "Error: Unknown subcommand 'nosuch'\n"
    ),
    (
      ["--x"], 64,
      "Error: Unknown option '--x'\n"
    ),
  ]

  func run(_ arguments: [String], in directory: String) async -> (Int32, String, String) {
    let context = CommandContext.memory(currentDirectory: directory)
    let status = await CWMBenchCLI.run(arguments: arguments, context: context)
    return (status, context.standardOutput.contents, context.standardError.contents)
  }

  @Test(arguments: usageErrors)
  func mistakesPrintTheErrorAndTheUsage(arguments: [String], status expected: Int32, message: String) async throws {
    let directory = try TemporaryDirectory()
    let (status, output, errors) = await run(arguments, in: directory.path)
    #expect(status == expected)
    #expect(output.isEmpty)
    // The root's own errors point at `cwmbench --help`; a command's at `cwmbench COMMAND --help`.
    let command = CWMBenchCLI.command(named: arguments[0]) != nil ? arguments[0] : ""
    let path = command.isEmpty ? "cwmbench" : "cwmbench " + command
    #expect(
      errors == message + "Usage: \(Self.usage[command]!)\n  See '\(path) --help' for more information.\n",
      "\(arguments)")
    // Nothing was written for a command line that was refused.
    #expect(directory.contents().isEmpty, "\(arguments)")
  }

  @Test func statusesFollowSysexits() {
    #expect(ExitCode.allCases.map(\.rawValue) == [0, 1, 64, 65, 66, 130])
    #expect(CLIError.usage("x").exitCode == .usage)
    #expect(CLIError.badData("x").exitCode == .dataError)
    #expect(CLIError.noInput("x").exitCode == .noInput)
    #expect(CLIError.failure("x").exitCode == .failure)
    #expect(CLIError.interrupted.exitCode == .interrupted)
  }

  /// Bad data is 65, printed as one `Error:` line without the usage.
  @Test func dataErrorsAndFailuresPrintOneLine() async throws {
    let directory = try TemporaryDirectory()
    try #"{"id":1}"#.write(toFile: directory.file("bad.jsonl"), atomically: true, encoding: .utf8)
    let cases: [([String], Int32, String)] = [
      (
        ["eval", "bad.jsonl", "--model", "oracle", "--out", "r"], 65,
        "Error: 'bad.jsonl' line 1: field 'id': expected a string, got '1'\n"
      )
    ]
    for (arguments, expected, message) in cases {
      let (status, _, errors) = await run(arguments, in: directory.path)
      #expect(status == expected, "\(arguments)")
      #expect(errors == message, "\(arguments)")
    }
  }

  @Test func versionAndBareInvocation() async throws {
    let directory = try TemporaryDirectory()
    var (status, output, errors) = await run(["--version"], in: directory.path)
    #expect(status == 0)
    #expect(output == cwmbenchVersion + "\n")
    #expect(errors.isEmpty)
    (status, output, _) = await run([], in: directory.path)
    #expect(status == 0)
    #expect(output.hasPrefix("OVERVIEW: Generate state-tracking tasks"))
  }

  /// A line break inside a message is folded, so each error is one line of a log.
  @Test func messagesAreOneLine() {
    #expect(CWMBenchCLI.oneLine("a\n  b\r\n\nc ") == "a b c")
  }
}
