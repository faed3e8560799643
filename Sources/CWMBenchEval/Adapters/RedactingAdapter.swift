import CWMBenchCore
import CWMBenchFormats

/// Any adapter, with the secrets removed from its errors and its log lines.
final class RedactingAdapter: ModelAdapter, ModeRefusing {
  let inner: any ModelAdapter
  let redactor: SecretRedactor

  init(_ inner: any ModelAdapter, redactor: SecretRedactor) {
    self.inner = inner
    self.redactor = redactor
  }

  func start() async throws -> ModelInfo {
    do { return try await inner.start() } catch { throw redacted(error) }
  }

  func send(_ request: ModelRequest) async throws -> ModelResponse {
    do { return try await inner.send(request) } catch { throw redacted(error) }
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
