import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Foundation

extension EvalCommand {
  func evaluate(_ context: CommandContext) async throws {
    let model = self.model
    try InputCheck.modelFile(model, at: resolve(model, in: context), tasks: tasks)
    let spec: ModelSpec
    do { spec = try ModelSpec(parsing: model, currentDirectory: context.currentDirectory) } catch {
      let builtIns = BuiltinAdapter.Kind.allCases.map(\.rawValue)
      let suggestion = Suggestion.closest(to: model, in: builtIns).map { "; did you mean '\($0)'?" } ?? ""
      throw CLIError.usage(error.description + suggestion)
    }
    let tasksPath = resolve(tasks, in: context)
    try InputCheck.taskFile(tasks, at: tasksPath, in: context.currentDirectory) {
      "cwmbench eval \($0) --model \(model)"
    }
    let suite = ((tasks as NSString).lastPathComponent as NSString).deletingPathExtension
    let out = self.out ?? "runs/\(suite)/\(Self.slug(spec.recorded))"
    var configuration = EvalConfiguration(
      tasksPath: tasksPath, tasksDisplayPath: tasks, outputDirectory: resolve(out, in: context),
      modelSpec: spec.recorded, mode: mode.mode, concurrency: concurrency, timeout: timeout, retries: retries,
      shard: shard, fresh: fresh, limit: limit)
    configuration.startTimeout = startTimeout
    configuration.prompt = try promptSettings(context)

    let errorSink = context.standardError
    let log: @Sendable (String) -> Void = { message in
      var sink = errorSink
      sink.write(message.hasSuffix("\n") ? message : message + "\n")
    }
    // A file or folder is named by its name, or --model-name; a server by its model's id.
    switch spec {
    case .http: break
    case .gguf, .huggingFace: configuration.displayName = modelName ?? spec.fileName
    default: configuration.displayName = modelName
    }
    var gguf = ModelSpec.GGUFOptions()
    gguf.nCtx = nCtx
    gguf.sizeFrom = tasksPath
    gguf.shots = fewShot ?? 0
    gguf.specialTokens = specialTokens.rawValue
    let adapter: any ModelAdapter
    do {
      adapter = try spec.makeAdapter(
        environment: context.environment, modelName: modelName, chat: chat,
        maxRestarts: maxRestarts, gguf: gguf, log: log)
    } catch {
      if case .invalidOption(let message) = error { throw CLIError.usage(message) }
      throw CLIError.failure(error.description)
    }

    let style = ProgressReporter.style(quiet: quiet, terminal: context.isStandardErrorTerminal)
    let reporter = Box<ProgressReporter?>(nil)
    var output = context.standardOutput
    let runner = EvalRunner(configuration: configuration, adapter: adapter, log: log)
    do {
      let summary = try await runner.run(
        started: { info, mode, total, skipped in
          if !quiet {
            var sink = errorSink
            let resumed = skipped > 0 ? " (resuming: \(skipped) already done)" : ""
            // The name comes from the model: an escape sequence in it is shown, not obeyed.
            sink.write(
              "evaluating \(info.name.escapingControlCharacters) on \(tasks) in \(mode.rawValue) mode: \(total) examples\(resumed)\n"
            )
          }
          reporter.value = ProgressReporter(
            label: "eval", unit: "examples", total: total, style: style, sink: errorSink)
        },
        progress: { progress in reporter.value?.update(done: progress.done, failed: progress.failed) })
      reporter.value?.finish()
      if !quiet { output.write(Self.describe(summary, out: out)) }
      if let warning = Self.chanceWarning(summary, model: spec) {
        var sink = errorSink
        sink.write(warning + "\n")
      }
    } catch {
      reporter.value?.finish()
      switch error {
      case .badTasks(let message): throw CLIError.badData(message)
      case .resumeMismatch(let message), .unsupportedMode(let message), .invalidOption(let message):
        throw CLIError.usage(message)
      case .interrupted(let summary):
        if !quiet { output.write(Self.describe(summary, out: out)) }
        throw CLIError.interrupted
      case .interruptedBeforeStart:
        throw CLIError.interrupted
      case .incomplete(let summary):
        if !quiet { output.write(Self.describe(summary, out: out)) }
        throw CLIError.failure(error.description)
      case .adapterFailed, .aborted, .io, .folderInUse: throw CLIError.failure(error.description)
      }
    }
  }

  /// The prompt options as the harness takes them; `@FILE` instructions read, the rule parsed.
  func promptSettings(_ context: CommandContext) throws(CLIError) -> PromptSettings {
    var settings = PromptSettings()
    settings.chat = chat
    settings.system = system
    if let instruction, instruction.hasPrefix("@") {
      let given = String(instruction.dropFirst())
      guard let data = FileManager.default.contents(atPath: resolve(given, in: context)) else {
        throw .noInput("cannot read the instruction file '\(given)' of '--instruction'")
      }
      settings.instruction = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    } else {
      settings.instruction = instruction
    }
    do { settings.extraction = try AnswerExtraction(parsing: extract) } catch { throw .usage(error.description) }
    settings.maxTokens = maxTokens
    settings.temperature = temperature
    settings.fewShot = fewShot
    if let fewShotFrom {
      let path = resolve(fewShotFrom, in: context)
      try InputCheck.taskFile(fewShotFrom, at: path, in: context.currentDirectory) {
        "cwmbench eval \(tasks) --model \(model) --few-shot \(fewShot ?? 1) --few-shot-from \($0)"
      }
      settings.fewShotFrom = (path, fewShotFrom)
    }
    do { try settings.validate() } catch { throw .usage(error.description) }
    return settings
  }

  static func describe(_ summary: EvalSummary, out: String) -> String {
    let accuracy = summary.queries > 0 ? Double(summary.correct) / Double(summary.queries) : 0
    var text =
      "\(summary.modelName.escapingControlCharacters) (\(summary.mode.rawValue)): \(summary.done)/\(summary.total) examples done"
    if summary.skipped > 0 { text += " (\(summary.skipped) from an earlier run)" }
    if summary.failed > 0 { text += ", \(summary.failed) failed" }
    if summary.queries > 0 {
      text +=
        ", accuracy \(String(format: "%.3f", locale: Locale(identifier: "en_US_POSIX"), accuracy)) over \(summary.queries) queries this run"
    }
    text += String(format: " in %.1fs", locale: Locale(identifier: "en_US_POSIX"), summary.seconds)
    return text + "\nresults: \(out)/results.jsonl\n"
  }

  /// A warning when a model that should be tracking scores no better than guessing.
  static func chanceWarning(_ summary: EvalSummary, model: ModelSpec) -> String? {
    guard summary.queries >= 30, model != .builtin(.random) else { return nil }
    let n = Double(summary.queries)
    let accuracy = Double(summary.correct) / n
    let chance = summary.chanceCorrect / n
    // Two standard errors of a chance-level guesser: inside that band the score says nothing.
    let band = 2 * (chance * (1 - chance) / n).squareRoot()
    guard accuracy <= chance + band else { return nil }
    let posix = Locale(identifier: "en_US_POSIX")
    return "warning: accuracy \(String(format: "%.3f", locale: posix, accuracy)) is at chance level "
      + "(\(String(format: "%.3f", locale: posix, chance))): check the adapter's prompt format, tokenization and --mode"
  }

  /// A folder-safe form of a model spec: `exec:python3 a.py` → `exec-python3-a.py`.
  static func slug(_ text: String) -> String {
    let base = text.hasPrefix("/") ? (text as NSString).lastPathComponent : text
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
    var result = String(base.map { allowed.contains($0) ? $0 : "-" })
    while result.contains("--") { result = result.replacingOccurrences(of: "--", with: "-") }
    return String(result.trimmingCharacters(in: CharacterSet(charactersIn: "-.")).prefix(80))
  }
}

/// A mutable reference shared with callbacks that run on other threads; set once, then read.
final class Box<Value>: @unchecked Sendable {
  var value: Value
  init(_ value: Value) { self.value = value }
}
