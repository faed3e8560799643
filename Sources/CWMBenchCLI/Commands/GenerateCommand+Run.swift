import CWMBenchCore
import CWMBenchEval
import CWMBenchFamilies
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Foundation

extension GenerateCommand {
  /// Reads, validates and generates every suite; nothing is written unless all specs are valid.
  func generate(_ context: CommandContext) async throws {
    let inline = !gridAxes.isEmpty
    guard !specs.isEmpty || inline else {
      throw CLIError.usage(
        "Missing expected argument '<spec>' (or give the grid inline: --family perm --group S5 --length 16 --spacing 1,4)"
      )
    }
    if !specs.isEmpty && inline {
      throw CLIError.usage("give either suite spec files or an inline grid (--family, --group, …), not both")
    }
    let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount

    var suites: [SuiteSpec] = []
    if inline {
      suites.append(try inlineSpec())
    } else {
      for path in specs {
        let resolved = resolve(path, in: context)
        try InputCheck.suiteSpec(path, at: resolved)
        guard let data = FileManager.default.contents(atPath: resolved) else {
          throw CLIError.noInput("cannot read suite spec '\(path)'")
        }
        let json: JSONValue
        do { json = try JSONParser.parseRejectingDuplicateKeys([UInt8](data)) } catch {
          throw CLIError.badData("'\(path)': not valid JSON: \(error)")
        }
        do { suites.append(try SuiteSpec(json: json, origin: path, families: .builtIn)) } catch {
          throw CLIError.badData(error.description)
        }
      }
      let names = suites.map(\.name)
      if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
        throw CLIError.usage("two suite specs are both named '\(duplicate)'; their files would overwrite each other")
      }
    }
    for spec in suites where split == .train {
      do { _ = try spec.cells(for: .train) } catch { throw CLIError.badData(error.description) }
    }

    // Sizes are checked before anything is written: one example of each cell, times its count.
    let limit = maxOutputGB * 1e9
    for spec in suites {
      let generator = SuiteGenerator(spec: spec, split: split, jobs: jobs, examples: examples, seed: seed)
      let estimate: Double
      let estimatedCells: Int
      do {
        // Stops once past the limit; 1e9 × --max-output-gb can exceed Int only as infinity.
        let result = try generator.estimatedBytes(stoppingAbove: limit < 9e18 ? Int(limit) : .max)
        (estimate, estimatedCells) = (Double(result.bytes), result.cells)
      } catch is GenerationInterrupted {
        throw CLIError.interrupted
      } catch let error as GenerationFailure {
        throw CLIError.failure(error.description)
      } catch let error as GenerationError {
        // A parameter only the generator can check (a `program` not in the tracer's corpus).
        throw CLIError.badData(error.description)
      }
      guard estimate <= limit else {
        let cellCount = try spec.cells(for: split).count
        let how =
          estimatedCells < cellCount
          ? "at least \(Self.size(estimate)) (estimated from one example of each of its first \(estimatedCells) "
            + "of \(cellCount) cells)"
          : "about \(Self.size(estimate)) (estimated from one example of each cell)"
        let message =
          "suite '\(spec.name)' would write \(how), "
          + "more than the limit of \(Self.size(limit)) set by --max-output-gb; lower "
          + (inline ? "--examples or --length" : "'examples' or the lengths") + ", or raise --max-output-gb"
        throw inline ? CLIError.usage(message) : CLIError.badData(message)
      }
    }
    let outputFolder = resolve(out, in: context)
    try Self.checkWritable(outputFolder, as: out)
    var standardOutput = context.standardOutput
    for spec in suites {
      let generator = SuiteGenerator(spec: spec, split: split, jobs: jobs, examples: examples, seed: seed)
      let cells = try spec.cells(for: split)
      let total = cells.count * (examples ?? spec.examples(for: split))
      let progress = ProgressReporter(
        label: spec.name, unit: "examples", total: total,
        style: quiet ? .quiet : (context.isStandardErrorTerminal ? .bar : .quiet), sink: context.standardError)
      let started = Date()
      let summary: SuiteGenerator.Summary
      do {
        summary = try generator.write(toDirectory: outputFolder) { done, _ in progress.update(done: done) }
      } catch is GenerationInterrupted {
        progress.finish()
        throw CLIError.interrupted
      } catch let error as CoreError {
        progress.finish()
        throw CLIError.failure(error.description)
      } catch let error as GenerationFailure {
        progress.finish()
        throw CLIError.failure(error.description)
      }
      progress.finish()
      var standardError = context.standardError
      for warning in summary.warnings { standardError.write("warning: suite '\(spec.name)': " + warning + "\n") }
      if !quiet {
        let seconds = max(Date().timeIntervalSince(started), 1e-9)
        standardOutput.write(
          "wrote \(display(summary.tasksPath, in: context)): \(summary.examples) examples, \(summary.queries) queries, "
            + "\(cells.count) \(cells.count == 1 ? "cell" : "cells"), \(Self.megabytes(summary.bytes)) MB in \(String(format: "%.2f", seconds))s "
            + "(sha256 \(summary.sha256.prefix(12))…)\n")
      }
    }
  }

  /// Builds a spec from the flags; its errors are usage errors naming the flag a value came from.
  func inlineSpec() throws -> SuiteSpec {
    var axes = gridAxes
    if !axes.contains(where: { $0.key == TaskExample.Key.family.rawValue }),
      let first = FamilyRegistry.builtIn.families.first
    {
      axes.insert(
        SuiteSpec.Axis(key: TaskExample.Key.family.rawValue, values: [.string(first.name)], field: "--family"), at: 0)
    }
    do {
      return try SuiteSpec(
        name: suiteName, seed: seed ?? 1, examples: examples ?? 20, axes: axes, families: .builtIn, origin: "<flags>")
    } catch {
      throw CLIError.usage(error.description)
    }
  }

  /// A byte count for messages: `3.2 GB`, `1.5 TB`.
  static func size(_ bytes: Double) -> String {
    let units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB")]
    let (scale, unit) = units.first { bytes >= $0.0 } ?? (1e3, "kB")
    return String(format: "%.1f %@", locale: Locale(identifier: "en_US_POSIX"), bytes / scale, unit)
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
