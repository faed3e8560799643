import CWMBenchCore
import CWMBenchFormats

/// Why a model could not answer.
public enum AdapterError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The model answered with an error of its own (`{"error": …}`, an HTTP 4xx body).
  case model(String)
  /// A failure worth retrying: a 429, a 5xx, a dropped connection, a restarted process.
  case transient(String)
  /// The request took longer than the per-request timeout; `detail` says what to change.
  case timeout(seconds: Double, detail: String = "")
  /// The model broke the protocol (garbage, a missing field); not retried.
  case protocolViolation(String)
  /// The model could not be started or has stopped for good.
  case unavailable(String)
  /// The model does not support the mode asked for.
  case unsupportedMode(EvalMode, model: String)

  /// Whether the harness should try the request again.
  public var isRetryable: Bool {
    switch self {
    case .transient: return true
    // A request that timed out may still be computing on the server (llama-cpp-python, an exec
    // adapter): a retry would queue behind it and time out too. The example is recorded as
    // failed and asked again when the run is resumed.
    case .timeout, .model, .protocolViolation, .unavailable, .unsupportedMode: return false
    }
  }

  public var description: String {
    switch self {
    case .model(let message): return "model error: \(message)"
    case .transient(let message): return message
    case .timeout(let seconds, let detail):
      return "no answer within \(formatNumber(seconds))s" + (detail.isEmpty ? "" : " (\(detail))")
    case .protocolViolation(let message): return "protocol violation: \(message)"
    case .unavailable(let message): return message
    case .unsupportedMode(let mode, let model): return "model '\(model)' does not support mode '\(mode.rawValue)'"
    }
  }
}
