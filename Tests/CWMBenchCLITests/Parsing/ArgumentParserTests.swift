import CWMBenchEval
import CWMBenchFamilies
import CWMBenchFormats
import CWMBenchTestSupport
import Testing

@testable import CWMBenchCLI

/// Options of every value type the parser supports, declared the way the commands declare theirs.
struct SampleOptions: ParsableArguments, Equatable {
  enum Colour: String, CaseIterable, ArgumentValue { case red, green, blue }

  var input = ""
  var extras: [String] = []
  var name = "anon"
  var count = 2
  var seed: UInt64?
  var ratio = 0.5
  var colour = Colour.red
  var spacings: [Spacing] = []
  var sizes: [Int] = []
  var shard: EvalConfiguration.Shard?
  var limit: Int?
  var verbose = false
  var first: String?
  var second: String?

  static var declarations: [ArgumentDeclaration<SampleOptions>] {
    [
      .argument("input", \.input, help: "The input."),
      .arguments("extra", \.extras, help: "More inputs.", isOptional: true),
      .option("--name", \.name, valueName: "name", help: "A name."),
      .option("--count", \.count, valueName: "n", help: "A count.", check: .atLeast(1)),
      .option("--seed", \.seed, valueName: "s", help: "A seed."),
      .option("--ratio", \.ratio, valueName: "r", help: "A ratio.", check: .greaterThan(0)),
      .option("--colour", \.colour, valueName: "colour", help: "A colour"),
      .list("--spacing", \.spacings, help: "Spacings."),
      .list("--size", \.sizes, help: "Sizes."),
      .option("--shard", \.shard, valueName: "i/n", help: "A shard."),
      .option("--limit", \.limit, valueName: "n", help: "A limit.", check: .atLeast(0)),
      .flag("--verbose", \.verbose, help: "Say more."),
      .option("--first", \.first, valueName: "x", help: "One way."),
      .option("--second", \.second, valueName: "x", help: "The other way."),
    ]
  }

  static var exclusiveOptions: [[PartialKeyPath<SampleOptions>]] { [[\.first, \.second]] }

  /// The defaults with `change` applied: the value a command line should parse to.
  static func expected(_ change: (inout SampleOptions) -> Void = { _ in }) -> SampleOptions {
    var options = SampleOptions()
    change(&options)
    return options
  }
}

/// An option the command cannot run without.
struct RequiredOptions: ParsableArguments, Equatable {
  var key = ""
  static var declarations: [ArgumentDeclaration<RequiredOptions>] {
    [.required("--key", \.key, valueName: "k", help: "The key.")]
  }
}

@Suite(.offCooperativePool) struct ArgumentParserTests {
  static let accepted: [([String], SampleOptions)] = [
    (["in"], .expected { $0.input = "in" }),
    (
      ["in", "a", "b"],
      .expected {
        $0.input = "in"
        $0.extras = ["a", "b"]
      }
    ),
    // Every value type, spaced and attached.
    (
      ["in", "--name", "x y"],
      .expected {
        $0.input = "in"
        $0.name = "x y"
      }
    ),
    (
      ["in", "--name=x=y"],
      .expected {
        $0.input = "in"
        $0.name = "x=y"
      }
    ),
    (
      ["in", "--name="],
      .expected {
        $0.input = "in"
        $0.name = ""
      }
    ),
    (
      ["in", "--count", "7"],
      .expected {
        $0.input = "in"
        $0.count = 7
      }
    ),
    (
      ["in", "--count=7"],
      .expected {
        $0.input = "in"
        $0.count = 7
      }
    ),
    (
      ["in", "--seed", "18446744073709551615"],
      .expected {
        $0.input = "in"
        $0.seed = .max
      }
    ),
    (
      ["in", "--ratio", "2.5"],
      .expected {
        $0.input = "in"
        $0.ratio = 2.5
      }
    ),
    (
      ["in", "--ratio", "3"],
      .expected {
        $0.input = "in"
        $0.ratio = 3
      }
    ),
    (
      ["in", "--colour", "blue"],
      .expected {
        $0.input = "in"
        $0.colour = .blue
      }
    ),
    (
      ["in", "--shard", "2/3"],
      .expected {
        $0.input = "in"
        $0.shard = .init(index: 2, count: 3)
      }
    ),
    (
      ["in", "--limit", "0"],
      .expected {
        $0.input = "in"
        $0.limit = 0
      }
    ),
    (
      ["in", "--verbose"],
      .expected {
        $0.input = "in"
        $0.verbose = true
      }
    ),
    // Lists: comma-separated, trimmed, and every occurrence collected in order.
    (
      ["in", "--size", "8,16", "--size", "4"],
      .expected {
        $0.input = "in"
        $0.sizes = [8, 16, 4]
      }
    ),
    (
      ["in", "--size= 8 , 16"],
      .expected {
        $0.input = "in"
        $0.sizes = [8, 16]
      }
    ),
    (
      ["in", "--spacing", "1,final"],
      .expected {
        $0.input = "in"
        $0.spacings = [.every(1), .final]
      }
    ),
    // A repeated single-value option keeps the last value.
    (
      ["in", "--count", "3", "--count", "5"],
      .expected {
        $0.input = "in"
        $0.count = 5
      }
    ),
    // Options and positionals in any order; `--` ends options; `-` and negative numbers are values.
    (
      ["--count", "3", "in", "--verbose", "x"],
      .expected {
        $0.input = "in"
        $0.count = 3
        $0.verbose = true
        $0.extras = ["x"]
      }
    ),
    (
      ["in", "--", "--verbose", "-x"],
      .expected {
        $0.input = "in"
        $0.extras = ["--verbose", "-x"]
      }
    ),
    (
      ["-", "--limit", "-0"],
      .expected {
        $0.input = "-"
        $0.limit = 0
      }
    ),
    (
      ["in", "--name", "-5"],
      .expected {
        $0.input = "in"
        $0.name = "-5"
      }
    ),
    (
      ["in", "--first", "a"],
      .expected {
        $0.input = "in"
        $0.first = "a"
      }
    ),
  ]

  @Test(arguments: accepted)
  func parses(arguments: [String], expected: SampleOptions) throws {
    #expect(try ArgumentParser.parse(arguments, as: SampleOptions.self) == expected)
  }

  static let rejected: [([String], ArgumentParsingError, String)] = [
    ([], .missingArgument(synopsis: "<input>"), "Missing expected argument '<input>'"),
    (["in", "--bogus"], .unknownOption("--bogus"), "Unknown option '--bogus'"),
    (["in", "--bogus=1"], .unknownOption("--bogus"), "Unknown option '--bogus'"),
    (["in", "-v"], .unknownOption("-v"), "Unknown option '-v'"),
    (["in", "--count"], .missingValue(synopsis: "--count <n>", help: "A count."), "Missing value for '--count <n>'"),
    (
      ["in", "--name", "--verbose"], .missingValue(synopsis: "--name <name>", help: "A name."),
      "Missing value for '--name <name>'"
    ),
    (
      ["in", "--verbose=yes"], .unexpectedValue(option: "--verbose", value: "yes"),
      "The option '--verbose' does not take any value, but 'yes' was specified."
    ),
    (
      ["in", "--count", "x"],
      .invalidValue(value: "x", synopsis: "--count <n>", reason: "expected an integer", help: "A count."),
      "The value 'x' is invalid for '--count <n>': expected an integer"
    ),
    (
      ["in", "--count", "0"],
      .invalidValue(value: "0", synopsis: "--count <n>", reason: "expected at least 1", help: "A count."),
      "The value '0' is invalid for '--count <n>': expected at least 1"
    ),
    (
      ["in", "--limit", "-1"],
      .invalidValue(value: "-1", synopsis: "--limit <n>", reason: "expected 0 or more", help: "A limit."),
      "The value '-1' is invalid for '--limit <n>': expected 0 or more"
    ),
    (
      ["in", "--ratio", "0"],
      .invalidValue(value: "0", synopsis: "--ratio <r>", reason: "expected r > 0", help: "A ratio."),
      "The value '0' is invalid for '--ratio <r>': expected r > 0"
    ),
    (
      ["in", "--ratio", "inf"],
      .invalidValue(value: "inf", synopsis: "--ratio <r>", reason: "expected a number", help: "A ratio."),
      "The value 'inf' is invalid for '--ratio <r>': expected a number"
    ),
    (
      ["in", "--seed", "-1"],
      .invalidValue(value: "-1", synopsis: "--seed <s>", reason: "expected a non-negative integer", help: "A seed."),
      "The value '-1' is invalid for '--seed <s>': expected a non-negative integer"
    ),
    (
      ["in", "--colour", "mauve"],
      .invalidValue(
        value: "mauve", synopsis: "--colour <colour>", reason: "expected red, green or blue",
        help: "A colour: red, green, blue."),
      "The value 'mauve' is invalid for '--colour <colour>': expected red, green or blue"
    ),
    (
      ["in", "--shard", "3/2"],
      .invalidValue(value: "3/2", synopsis: "--shard <i/n>", reason: "expected I/N with 1 ≤ I ≤ N", help: "A shard."),
      "The value '3/2' is invalid for '--shard <i/n>': expected I/N with 1 ≤ I ≤ N"
    ),
    (
      ["in", "--size", "8,,16"],
      .invalidValue(
        value: "8,,16", synopsis: "--size <list>", reason: "empty item in comma-separated list", help: "Sizes."),
      "The value '8,,16' is invalid for '--size <list>': empty item in comma-separated list"
    ),
    (
      ["in", "--size", "8", "--size", "8,x"],
      .invalidValue(value: "x", synopsis: "--size <list>", reason: "expected an integer", help: "Sizes."),
      "The value 'x' is invalid for '--size <list>': expected an integer"
    ),
    (
      ["in", "--spacing", "often"],
      .invalidValue(
        value: "often", synopsis: "--spacing <list>", reason: "expected an integer or 'final'", help: "Spacings."),
      "The value 'often' is invalid for '--spacing <list>': expected an integer or 'final'"
    ),
    (
      ["in", "--first", "a", "--second", "b"], .conflictingOptions(["--first", "--second"]),
      "give either --first or --second, not both"
    ),
  ]

  @Test(arguments: rejected)
  func rejects(arguments: [String], error: ArgumentParsingError, message: String) {
    #expect(throws: error) { try ArgumentParser.parse(arguments, as: SampleOptions.self) }
    #expect(error.description == message)
  }

  @Test func helpWinsOverEveryOtherProblemUntilOptionsEnd() {
    for arguments in [["--help"], ["--bogus", "-h"], ["in", "--count", "x", "--help"]] {
      #expect(throws: ArgumentParsingError.helpRequested) {
        try ArgumentParser.parse(arguments, as: SampleOptions.self)
      }
    }
    #expect(throws: Never.self) { try ArgumentParser.parse(["in", "--", "--help"], as: SampleOptions.self) }
  }

  @Test func tooManyPositionalsAreNamed() {
    struct One: ParsableArguments {
      var file = ""
      static var declarations: [ArgumentDeclaration<One>] { [.argument("file", \.file, help: "A file.")] }
    }
    #expect(throws: ArgumentParsingError.unexpectedArguments(["b"])) {
      try ArgumentParser.parse(["a", "b"], as: One.self)
    }
    #expect(throws: ArgumentParsingError.unexpectedArguments(["b", "c"])) {
      try ArgumentParser.parse(["a", "b", "c"], as: One.self)
    }
    #expect(ArgumentParsingError.unexpectedArguments(["b", "c"]).description == "2 unexpected arguments: 'b', 'c'")
  }

  @Test func aRequiredOptionMustBeGiven() throws {
    #expect(throws: ArgumentParsingError.missingArgument(synopsis: "--key <k>")) {
      try ArgumentParser.parse([], as: RequiredOptions.self)
    }
    #expect(try ArgumentParser.parse(["--key", "v"], as: RequiredOptions.self).key == "v")
  }

  @Test func valueErrorsCarryTheOptionsHelpLine() {
    let error = ArgumentParsingError.invalidValue(value: "x", synopsis: "--count <n>", reason: nil, help: "A count.")
    #expect(error.helpLine == "--count <n>  A count.")
    #expect(ArgumentParsingError.unknownOption("--x").helpLine == nil)
  }

  @Test func optionNamesComeFromTheDeclarations() {
    #expect(SampleOptions.optionName(of: \.count) == "--count")
    #expect(SampleOptions.optionName(of: \.spacings) == "--spacing")
    // A positional argument is not an option.
    #expect(SampleOptions.optionName(of: \.input) == nil)
  }
}
