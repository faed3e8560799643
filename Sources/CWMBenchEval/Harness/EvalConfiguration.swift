import CWMBenchCore
import CWMBenchFamilies
import CWMBenchFormats

/// Everything `cwmbench eval` was asked to do, apart from the adapter itself.
public struct EvalConfiguration: Sendable {
  /// The task file (`.jsonl`).
  public var tasksPath: String
  /// The task file as the user wrote it, for `run.json`.
  public var tasksDisplayPath: String
  /// Where `results.jsonl` and `run.json` go.
  public var outputDirectory: String
  /// The model spec as given, without secrets.
  public var modelSpec: String
  /// The mode; nil picks `score` when the adapter can, else `generate`.
  public var mode: EvalMode?
  /// Requests in flight; nil uses the adapter's preference.
  public var concurrency: Int?
  /// Seconds before a request of up to `timeoutReferenceBytes` is abandoned; a larger request
  /// gets proportionally longer (see `timeout(forBytes:)`). A timed-out request is not retried.
  public var timeout: Double
  /// The request size (UTF-8 bytes sent) that `timeout` is for.
  ///
  /// A slow server's time grows with what it must read: llama-cpp-python's echo path took
  /// about 230 s for one length-32 trace (about 1.5 KB) on a 2-core machine, so a fixed 120 s
  /// fails every long trace. 512 bytes is a length-8 to length-16 trace.
  public var timeoutReferenceBytes = 512
  /// The measured time of the last answer, for timeout messages; shared by copies of this configuration.
  let answerClock = AnswerClock()
  /// Seconds the model may take to start (load weights, answer `hello`).
  public var startTimeout: Double = EvalConfiguration.defaultStartTimeout
  /// Retries of a retryable failure before the example is recorded as failed.
  public var retries: Int
  /// The first retry waits this long; each later one twice as long, up to 30 s.
  public var backoff: Double
  /// Evaluate only shard `index` (1-based) of `count`.
  public var shard: Shard?
  /// Start over instead of resuming.
  public var fresh: Bool
  /// Evaluate at most this many examples (after sharding), for smoke tests.
  public var limit: Int?
  /// The training length to record when the adapter does not report one.
  public var trainLength: Int?
  /// The families task lines are decoded with (a test adds its own).
  public var families: FamilyRegistry = .builtIn
  /// The name results and reports use instead of the one the model gives itself; nil keeps that.
  public var displayName: String?
  /// How the model is prompted and its replies read.
  public var prompt = PromptSettings()
  /// The shots' source once read (the run reads it before the model starts).
  var fewShotPool: FewShotPool?

  /// Refuses values no run can use, naming the option as `eval` spells it; `run` calls it first.
  public func validate() throws(EvalError) {
    func refuse(_ option: String, _ value: String, _ expected: String) -> EvalError {
      .invalidOption("the value '\(value)' is invalid for '\(option)': expected \(expected)")
    }
    if let limit, limit < 1 { throw refuse("--limit", String(limit), "at least 1") }
    if let concurrency, concurrency < 1 { throw refuse("--concurrency", String(concurrency), "at least 1") }
    if retries < 0 { throw refuse("--retries", String(retries), "0 or more") }
    let allowed = "seconds > 0 and at most \(formatNumber(Self.maximumTimeout))"
    if !(timeout > 0 && timeout <= Self.maximumTimeout) { throw refuse("--timeout", formatNumber(timeout), allowed) }
    if !(startTimeout > 0 && startTimeout <= Self.maximumTimeout) {
      throw refuse("--start-timeout", formatNumber(startTimeout), allowed)
    }
    if let shard, shard.count < 1 || !(1...shard.count).contains(shard.index) {
      throw refuse("--shard", shard.description, "I/N with 1 ≤ I ≤ N")
    }
    try prompt.validate()
  }

  /// The timeout of a request that sends `bytes` UTF-8 bytes: `timeout`, scaled up in
  /// proportion to the size beyond `timeoutReferenceBytes`, and never past `maximumTimeout`.
  ///
  /// Saturating: a large timeout on a large trace (`--timeout 1000000` on 20 MB) would
  /// otherwise ask the clock for a deadline it cannot represent.
  public func timeout(forBytes bytes: Int) -> Double {
    min(Self.maximumTimeout, timeout * max(1, Double(bytes) / Double(max(1, timeoutReferenceBytes))))
  }

  /// A deterministic slice of a task file: example p (0-based) belongs to shard p mod count + 1.
  public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based shard number.
    public var index: Int
    /// Number of shards.
    public var count: Int

    /// Creates a shard; `index` in 1…count.
    public init(index: Int, count: Int) {
      self.index = index
      self.count = count
    }

    /// Parses `I/N`.
    public init?(parsing text: String) {
      let parts = text.split(separator: "/")
      guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
        (1...count).contains(index)
      else { return nil }
      self.init(index: index, count: count)
    }

    /// Whether example number `position` (0-based) belongs to this shard.
    public func contains(_ position: Int) -> Bool { position % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
  }

  /// Seconds a request may take unless told otherwise; `eval --help` shows this value.
  public static let defaultTimeout: Double = 120
  /// The longest `--timeout` and `--start-timeout` accepted, in seconds (about 11.6 days), and
  /// the cap on a timeout scaled up for a large request.
  ///
  /// Waits are deadlines on a clock counted in 64-bit nanoseconds, which ends about 9.2e9 s
  /// from now: past it `NSCondition.wait(until:)` traps. Eleven days is longer than any model
  /// needs for one answer and far inside that range.
  public static let maximumTimeout: Double = 1_000_000
  /// Seconds the model may take to start unless told otherwise.
  public static let defaultStartTimeout: Double = 600
  /// Retries of a failed request unless told otherwise.
  public static let defaultRetries = 3

  /// Creates a configuration with the harness's defaults.
  public init(
    tasksPath: String, tasksDisplayPath: String? = nil, outputDirectory: String, modelSpec: String,
    mode: EvalMode? = nil, concurrency: Int? = nil, timeout: Double = defaultTimeout, retries: Int = defaultRetries,
    backoff: Double = 0.5, shard: Shard? = nil, fresh: Bool = false, limit: Int? = nil, trainLength: Int? = nil
  ) {
    self.tasksPath = tasksPath
    self.tasksDisplayPath = tasksDisplayPath ?? tasksPath
    self.outputDirectory = outputDirectory
    self.modelSpec = modelSpec
    self.mode = mode
    self.concurrency = concurrency
    self.timeout = timeout
    self.retries = retries
    self.backoff = backoff
    self.shard = shard
    self.fresh = fresh
    self.limit = limit
    self.trainLength = trainLength
  }
}
