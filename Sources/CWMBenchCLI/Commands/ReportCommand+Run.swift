import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Foundation

extension ReportCommand {
  static func report(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let runs = arguments.positionals("run")
    guard !runs.isEmpty else { throw CLIError.usage("Missing expected argument '<run> ...'") }
    let trainLength = try arguments.int("--train-length")
    if let trainLength, trainLength < 1 {
      throw arguments.invalidValue("--train-length", value: String(trainLength), reason: "expected at least 1")
    }
    let markdown = arguments.flag("--markdown")
    guard let out = arguments.value("--out") ?? (markdown ? nil : "report") else {
      // --markdown alone prints the table without writing files.
      try printMarkdown(runs: runs, trainLength: trainLength, arguments, context)
      return
    }
    let builder = ReportBuilder(
      runs: runs.map { resolve($0, in: context) }, trainLength: trainLength, title: arguments.value("--title"))
    let summary: ReportSummary
    do { summary = try builder.write(to: resolve(out, in: context)) } catch { throw map(error) }
    var errors = context.standardError
    for warning in summary.warnings { errors.write((warning.hasPrefix("warning:") ? warning : "warning: " + warning) + "\n") }
    var output = context.standardOutput
    if markdown { summary.markdown(into: &output) }
    output.write("wrote \(summary.files.map { display($0, in: context) }.joined(separator: ", "))\n")
  }

  static func printMarkdown(runs: [String], trainLength: Int?, _ arguments: ParsedArguments, _ context: CommandContext) throws {
    let builder = ReportBuilder(
      runs: runs.map { resolve($0, in: context) }, trainLength: trainLength, title: arguments.value("--title"))
    let data: ReportData
    do { data = try builder.build() } catch { throw map(error) }
    var errors = context.standardError
    for warning in data.warnings { errors.write((warning.hasPrefix("warning:") ? warning : "warning: " + warning) + "\n") }
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
