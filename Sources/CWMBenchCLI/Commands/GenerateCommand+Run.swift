import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Foundation

extension GenerateCommand {
  /// Flags that describe an inline grid, mapped to spec keys.
  static let gridFlags: [(flag: String, key: String)] = [
    ("--group", "group"), ("--actions", "actions"), ("--reveal", "reveal"), ("--render", "render"),
    ("--hidden", "hidden"), ("--choices", "choices"), ("--length", "length"), ("--spacing", "spacing"),
  ]

  /// Reads, validates and generates every suite; nothing is written unless all specs are valid.
  static func generate(_ arguments: ParsedArguments, _ context: CommandContext) async throws {
    let specPaths = arguments.positionals("spec")
    let inline = arguments.isGiven("--family") || gridFlags.contains { arguments.isGiven($0.flag) }
    guard !specPaths.isEmpty || inline else {
      throw CLIError.usage("Missing expected argument '<spec>' (or give the grid inline: --family perm --group S5 --length 16 --spacing 1,4)")
    }
    if !specPaths.isEmpty && inline {
      throw CLIError.usage("give either suite spec files or an inline grid (--family, --group, …), not both")
    }
    guard let split = Split(rawValue: arguments.value("--split") ?? "test") else {
      throw arguments.invalidValue("--split", value: arguments.value("--split"), reason: "expected 'test' or 'train'")
    }
    let jobs = try arguments.int("--jobs") ?? ProcessInfo.processInfo.activeProcessorCount
    guard jobs >= 1 else { throw arguments.invalidValue("--jobs", value: String(jobs), reason: "expected at least 1") }
    let examples = try arguments.int("--examples")
    if let examples, examples < 1 {
      throw arguments.invalidValue("--examples", value: String(examples), reason: "expected at least 1")
    }
    let seed = try arguments.parse("--seed") { UInt64($0) }

    var specs: [SuiteSpec] = []
    if inline {
      specs.append(try inlineSpec(arguments, examples: examples, seed: seed))
    } else {
      for path in specPaths {
        let resolved = resolve(path, in: context)
        guard let data = FileManager.default.contents(atPath: resolved) else {
          throw CLIError.usage("cannot read suite spec '\(path)'")
        }
        let json: JSONValue
        do { json = try JSONParser.parse([UInt8](data)) } catch {
          throw CLIError.badData("'\(path)': not valid JSON: \(error)")
        }
        do { specs.append(try SuiteSpec(json: json, origin: path)) } catch {
          throw CLIError.badData(error.description)
        }
      }
      let names = specs.map(\.name)
      if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
        throw CLIError.usage("two suite specs are both named '\(duplicate)'; their files would overwrite each other")
      }
    }
    for spec in specs where split == .train {
      do { _ = try spec.cells(for: .train) } catch { throw CLIError.badData(error.description) }
    }

    let out = resolve(arguments.value("--out") ?? "out", in: context)
    try checkWritable(out, as: arguments.value("--out") ?? "out")
    let quiet = arguments.flag("--quiet")
    var standardOutput = context.standardOutput
    for spec in specs {
      let generator = SuiteGenerator(spec: spec, split: split, jobs: jobs, examples: examples, seed: seed)
      let cells = try spec.cells(for: split)
      let total = cells.count * (examples ?? spec.examples(for: split))
      let progress = ProgressReporter(
        label: spec.name, unit: "examples", total: total,
        style: quiet ? .quiet : (context.isStandardErrorTerminal ? .bar : .quiet), sink: context.standardError)
      let started = Date()
      let summary: SuiteGenerator.Summary
      do {
        summary = try generator.write(toDirectory: out) { done, _ in progress.update(done: done) }
      } catch is GenerationInterrupted {
        progress.finish()
        throw CLIError.interrupted
      } catch let error as CoreError {
        progress.finish()
        throw CLIError.failure(error.description)
      }
      progress.finish()
      if !quiet {
        let seconds = max(Date().timeIntervalSince(started), 1e-9)
        standardOutput.write(
          "wrote \(display(summary.tasksPath, in: context)): \(summary.examples) examples, \(summary.queries) queries, "
            + "\(cells.count) \(cells.count == 1 ? "cell" : "cells"), \(megabytes(summary.bytes)) MB in \(String(format: "%.2f", seconds))s "
            + "(sha256 \(summary.sha256.prefix(12))…)\n")
      }
    }
  }

  /// Builds a spec from flags and validates it as a usage error naming the flag.
  static func inlineSpec(_ arguments: ParsedArguments, examples: Int?, seed: UInt64?) throws -> SuiteSpec {
    var grid: [String: JSONValue] = [:]
    for (flag, key) in gridFlags where arguments.isGiven(flag) {
      let items = try arguments.list(flag)
      grid[key] = .array(items.map { item in
        if let integer = Int(item) { return .int(integer) }
        if let number = Double(item), number.isFinite { return .double(number) }
        return .string(item)
      })
    }
    var spec: [String: JSONValue] = [
      "name": .string(arguments.value("--name") ?? "inline"),
      "seed": .int(Int(truncatingIfNeeded: seed ?? 1)),
      "family": .string(arguments.value("--family") ?? "perm"),
      "grid": .object(grid),
      "examples": .int(examples ?? 20),
    ]
    if let maxValue = try arguments.int("--max-value") { spec["fixed"] = .object(["max_value": .int(maxValue)]) }
    do {
      return try SuiteSpec(json: .object(spec), origin: "<flags>")
    } catch {
      // Point at the flag, not at the spec key the flag became.
      var message = error.description.replacingOccurrences(of: "'<flags>': ", with: "")
      for (flag, key) in gridFlags + [("--family", "family"), ("--max-value", "max_value"), ("--name", "name")] {
        message = message.replacingOccurrences(of: "field 'grid.\(key)'", with: "option '\(flag)'")
          .replacingOccurrences(of: "field 'fixed.\(key)'", with: "option '\(flag)'")
          .replacingOccurrences(of: "field '\(key)'", with: "option '\(flag)'")
      }
      message = message.replacingOccurrences(of: "missing field 'grid.", with: "missing option '--")
      throw CLIError.usage(message)
    }
  }

  /// Fails early, before any work, when the output folder cannot be created or written.
  static func checkWritable(_ directory: String, as given: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw CLIError.usage("cannot create output folder '\(given)'")
    }
    guard FileManager.default.isWritableFile(atPath: directory) else {
      throw CLIError.usage("output folder '\(given)' is not writable")
    }
  }

  static func megabytes(_ bytes: Int) -> String {
    String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), Double(bytes) / 1_000_000)
  }
}

/// Resolves a user-given path against the command's working directory.
func resolve(_ path: String, in context: CommandContext) -> String {
  path.hasPrefix("/") ? path : (context.currentDirectory as NSString).appendingPathComponent(path)
}

/// A path as the user would like to read it: relative to the working directory when inside it.
func display(_ path: String, in context: CommandContext) -> String {
  let base = context.currentDirectory.hasSuffix("/") ? context.currentDirectory : context.currentDirectory + "/"
  return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
}
