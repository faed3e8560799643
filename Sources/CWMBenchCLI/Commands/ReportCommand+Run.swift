import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Foundation

extension ReportCommand {
  func report(_ context: CommandContext) throws {
    for run in runs { try InputCheck.runFolder(run, at: resolve(run, in: context)) }
    guard diff.isEmpty || (diff.count == 2 && diff[0] != diff[1]) else {
      throw CLIError.usage("--diff takes two different model names, 'a,b'; got '\(diff.joined(separator: ","))'")
    }
    guard let out = out ?? (markdown ? nil : "report") else {
      // --markdown alone prints the table without writing files.
      try printMarkdown(context)
      return
    }
    var builder = ReportBuilder(
      runs: runs.map { resolve($0, in: context) }, trainLength: trainLength, title: title)
    builder.completeOnly = completeOnly
    builder.diff = diff.isEmpty ? nil : diff
    builder.references = references.map { resolve($0, in: context) }
    for (given, path) in zip(references, builder.references) where !FileManager.default.fileExists(atPath: path) {
      throw CLIError.noInput("no reference file at '\(given)'")
    }
    builder.paperFigures = paper
    builder.samples = samples
    let summary: ReportSummary
    do { summary = try builder.write(to: resolve(out, in: context)) } catch { throw Self.map(error) }
    var errors = context.standardError
    for warning in summary.warnings {
      // Warnings quote model names and ids: their control characters are shown, not obeyed.
      let line = warning.escapingControlCharacters
      errors.write((line.hasPrefix("warning:") ? line : "warning: " + line) + "\n")
    }
    var output = context.standardOutput
    if markdown { summary.markdown(into: &output) }
    output.write("wrote \(summary.files.map { display($0, in: context) }.joined(separator: ", "))\n")
  }

  func printMarkdown(_ context: CommandContext) throws {
    var builder = ReportBuilder(
      runs: runs.map { resolve($0, in: context) }, trainLength: trainLength, title: title)
    builder.completeOnly = completeOnly
    builder.diff = diff.isEmpty ? nil : diff
    let data: ReportData
    do { data = try builder.build() } catch { throw Self.map(error) }
    var errors = context.standardError
    for warning in data.warnings {
      // Warnings quote model names and ids: their control characters are shown, not obeyed.
      let line = warning.escapingControlCharacters
      errors.write((line.hasPrefix("warning:") ? line : "warning: " + line) + "\n")
    }
    var output = context.standardOutput
    MarkdownSummaryWriter.write(data, to: &output)
  }

  /// Malformed inputs are bad data (65); a missing results or task file is a missing input
  /// (66); mixed task files or modes are usage errors (64).
  static func map(_ error: ReportError) -> CLIError {
    switch error {
    case .missingResults(let run):
      return .noInput(error.description + "; eval writes it: 'cwmbench eval <tasks.jsonl> --model <spec> --out \(run)'")
    case .missingTaskFile:
      return .noInput(
        error.description + "; regenerate it with 'cwmbench generate <spec>' (its manifest names the spec)")
    case .noRuns, .conflictingTaskFiles, .conflictingModes, .unknownDiffModel, .unpairedDiff:
      return .usage(error.description)
    case .invalidRunFile, .invalidInput: return .badData(error.description)
    case .io: return .failure(error.description)
    }
  }
}
