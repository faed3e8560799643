import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Foundation

extension ReportCommand {
  func report(_ context: CommandContext) throws {
    guard let out = out ?? (markdown ? nil : "report") else {
      // --markdown alone prints the table without writing files.
      try printMarkdown(context)
      return
    }
    var builder = ReportBuilder(
      runs: runs.map { resolve($0, in: context) }, trainLength: trainLength, title: title)
    builder.completeOnly = completeOnly
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

  /// Malformed inputs are bad data (65); a missing folder or mixed task files are usage errors (64).
  static func map(_ error: ReportError) -> CLIError {
    switch error {
    case .noRuns, .missingResults, .missingTaskFile, .conflictingTaskFiles, .conflictingModes:
      return .usage(error.description)
    case .invalidRunFile, .invalidInput: return .badData(error.description)
    case .io: return .failure(error.description)
    }
  }
}
