import CWMBenchCore
import CWMBenchFormats

/// How a model is prompted and how its reply is read: `eval --chat`, `--system`,
/// `--instruction`, `--few-shot`, `--extract`, `--max-tokens` and `--temperature`.
public struct PromptSettings: Sendable {
  /// Generate through the chat template: the request carries `messages`.
  public var chat = false
  /// The system prompt (chat only).
  public var system: String?
  /// Replaces each family's default instruction; without `chat`, put before the text as plain prose.
  public var instruction: String?
  /// How the answer is taken out of a generated reply.
  public var extraction = AnswerExtraction.firstLine
  /// Tokens a generated reply may take; nil: `max(16, 2 × the answer's bytes)` per query.
  public var maxTokens: Int?
  /// Sampling temperature of generate requests.
  public var temperature: Double = 0
  /// Solved train examples per question.
  public var fewShot: Int?
  /// The train-split task file they come from, and the path as the user wrote it.
  public var fewShotFrom: (path: String, display: String)?

  /// Plain settings: no chat, first-line extraction, temperature 0, no shots.
  public init() {}

  /// The largest temperature accepted (OpenAI's limit).
  public static let maximumTemperature: Double = 2

  /// Refuses combinations no run can use, naming the option.
  public func validate() throws(EvalError) {
    if system != nil && !chat {
      throw .invalidOption("'--system' needs '--chat': a plain completion has no system prompt")
    }
    if let maxTokens, maxTokens < 1 {
      throw .invalidOption("the value '\(maxTokens)' is invalid for '--max-tokens': expected at least 1")
    }
    if !(temperature >= 0 && temperature <= Self.maximumTemperature) {
      throw .invalidOption(
        "the value '\(formatNumber(temperature))' is invalid for '--temperature': expected 0 to \(formatNumber(Self.maximumTemperature))"
      )
    }
    if let fewShot, fewShot < 1 {
      throw .invalidOption("the value '\(fewShot)' is invalid for '--few-shot': expected at least 1")
    }
    if fewShot != nil && fewShotFrom == nil {
      throw .invalidOption(
        "'--few-shot' needs '--few-shot-from TRAIN.jsonl': shots come from the train split only; \(FewShotPool.advice)")
    }
    if fewShot == nil && fewShotFrom != nil {
      throw .invalidOption("'--few-shot-from' needs '--few-shot N'")
    }
  }

  /// What `run.json` records; generate-only settings only in generate mode.
  func record(mode: EvalMode, pool: FewShotPool?, runFolder: String) -> RunFile.Prompting {
    var record = RunFile.Prompting()
    if chat { record.chat = true }
    record.system = system
    record.instruction = instruction
    if mode == .generate {
      record.extract = extraction.description
      record.maxTokens = maxTokens
      record.temperature = temperature
    }
    if let pool, let fewShotFrom {
      record.fewShot = pool.count
      record.fewShotFrom = relativePath(of: fewShotFrom.path, from: runFolder)
      record.fewShotSHA256 = pool.sha256
    }
    return record
  }
}
