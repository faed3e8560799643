import CWMBenchCore
import CWMBenchFormats

/// Any adapter, with the secrets removed from everything it says: errors, log lines, and the
/// strings of its successful answers (its name, generated text, each span's `predicted`).
///
/// An exec adapter inherits the environment, API key included, and a careless one may echo
/// it in its hello `name` or its answers; those reach results.jsonl, run.json and the report.
final class RedactingAdapter: ModelAdapter, ModeRefusing {
  let inner: any ModelAdapter
  let redactor: SecretRedactor

  init(_ inner: any ModelAdapter, redactor: SecretRedactor) {
    self.inner = inner
    self.redactor = redactor
  }

  func start() async throws -> ModelInfo {
    var info: ModelInfo
    do { info = try await inner.start() } catch { throw redacted(error) }
    info.name = redactor.redact(info.name)
    return info
  }

  func send(_ request: ModelRequest) async throws -> ModelResponse {
    let response: ModelResponse
    do { response = try await inner.send(request) } catch { throw redacted(error) }
    return redactor.redact(response)
  }

  func shutdown() async { await inner.shutdown() }

  func refusal(for mode: EvalMode) -> String? {
    (inner as? any ModeRefusing)?.refusal(for: mode).map(redactor.redact)
  }

  private func redacted(_ error: any Error) -> any Error {
    if let error = error as? AdapterError { return redactor.redact(error) }
    let text = "\(error)"
    let redacted = redactor.redact(text)
    return redacted == text ? error : AdapterError.unavailable(redacted)
  }
}
