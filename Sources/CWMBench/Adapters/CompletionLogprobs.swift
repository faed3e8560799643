/// The `logprobs` block of an OpenAI completion: one entry per token of the echoed text.
struct CompletionLogprobs: Sendable, Equatable {
  /// One token with where it starts and what the model thought of it.
  struct Token: Sendable, Equatable {
    /// The token's text.
    var text: String
    /// Its character offset in prompt + completion.
    var offset: Int
    /// log p(token | text before it); nil for the first token, which has no context.
    var logprob: Double?
    /// The most likely token at this position, from `top_logprobs`; nil when not given.
    var top: String?
  }

  /// The tokens, in text order.
  var tokens: [Token]

  /// Creates the block from its tokens.
  init(tokens: [Token]) {
    self.tokens = tokens
  }

  /// Reads `choices[0].logprobs` of a completion answer.
  init(completion: JSONValue) throws(AdapterError) {
    guard let block = completion["choices"]?.arrayValue?.first?["logprobs"], !block.isNull else {
      throw .protocolViolation("completion has no 'choices[0].logprobs': '\(HTTPAdapter.excerpt(completion))'")
    }
    guard let texts = block["tokens"]?.arrayValue, let logprobs = block["token_logprobs"]?.arrayValue,
      let offsets = block["text_offset"]?.arrayValue, texts.count == logprobs.count, texts.count == offsets.count
    else {
      throw .protocolViolation(
        "'logprobs' needs 'tokens', 'token_logprobs' and 'text_offset' of one length: '\(HTTPAdapter.excerpt(block))'")
    }
    let tops = block["top_logprobs"]?.arrayValue
    var tokens: [Token] = []
    tokens.reserveCapacity(texts.count)
    for index in texts.indices {
      guard let text = texts[index].stringValue, let offset = offsets[index].intValue,
        logprobs[index].isNull || logprobs[index].doubleValue != nil
      else {
        throw .protocolViolation("token \(index) of 'logprobs' is malformed: '\(HTTPAdapter.excerpt(block))'")
      }
      var top: String?
      if let tops, index < tops.count, let alternatives = tops[index].objectValue {
        // Ties go to the token itself, so an exact tie is not counted as a miss.
        var best: (String, Double)?
        for (candidate, value) in alternatives.sorted(by: { $0.key < $1.key }) {
          guard let logprob = value.doubleValue else { continue }
          if best == nil || logprob > best!.1 || (logprob == best!.1 && candidate == text) {
            best = (candidate, logprob)
          }
        }
        top = best?.0
      }
      tokens.append(Token(text: text, offset: offset, logprob: logprobs[index].doubleValue, top: top))
    }
    let echoed = completion["choices"]?.arrayValue?.first?["text"]?.stringValue
    self.tokens = echoed.map { Self.droppingPrependedToken(tokens, echoed: $0) } ?? tokens
    self.tokens = Self.byteOffsets(self.tokens)
  }

  /// `tokens` without a leading special token that the server prepended to the echoed text.
  ///
  /// vLLM echoes the BOS token of tokenizers that add one (`<s>`, `<bos>`, `<|begin_of_text|>`)
  /// as the first token, with no log-probability, and counts its text in `text_offset`, so
  /// every offset after it is shifted by its length. It is not part of `choices[0].text`.
  static func droppingPrependedToken(_ tokens: [Token], echoed: String) -> [Token] {
    guard tokens.count >= 2, let first = tokens.first, first.offset == 0, first.logprob == nil,
      !first.text.isEmpty, !echoed.hasPrefix(first.text)
    else { return tokens }
    let width = tokens[1].offset - first.offset
    guard width == first.text.unicodeScalars.count || width == first.text.utf8.count else { return tokens }
    return tokens.dropFirst().map { Token(text: $0.text, offset: $0.offset - width, logprob: $0.logprob, top: $0.top) }
  }

  /// `tokens` with offsets in UTF-8 bytes when the server counted characters (vLLM and
  /// SGLang count Python string lengths); spans are byte ranges.
  static func byteOffsets(_ tokens: [Token]) -> [Token] {
    guard let start = tokens.first?.offset else { return tokens }
    var characters = start, bytes = start
    var byCharacters = true, differs = false
    for token in tokens {
      if token.offset != characters { byCharacters = false }
      if characters != bytes { differs = true }
      characters += token.text.unicodeScalars.count
      bytes += token.text.utf8.count
    }
    guard byCharacters && differs else { return tokens }
    var offset = start
    return tokens.map { token in
      defer { offset += token.text.utf8.count }
      return Token(text: token.text, offset: offset, logprob: token.logprob, top: token.top)
    }
  }

  /// Whether the tokens spell out `prompt` from offset 0 with consistent offsets and log-probabilities.
  ///
  /// A server that ignores `echo` returns only the generated token, which fails this.
  func echoes(_ prompt: String) -> Bool {
    let length = prompt.utf8.count
    var spelled = ""
    var expectedOffset = 0
    var promptTokens = 0
    for token in tokens where token.offset < length {
      guard token.offset == expectedOffset else { return false }
      if promptTokens > 0 && token.logprob == nil { return false }
      spelled += token.text
      expectedOffset += token.text.utf8.count
      promptTokens += 1
    }
    return promptTokens >= 2 && spelled == prompt
  }

  /// log p(text[span] | text before it) and whether each of its tokens is the greedy choice.
  ///
  /// A span covers the tokens that start inside it, and a token that starts before it but
  /// reaches into it (a BPE merge across the boundary). Tokens at or past `textLength` were
  /// generated, not echoed, and are ignored.
  func score(_ span: Range<Int>, textLength: Int) throws(AdapterError) -> SpanScore {
    var logprob = 0.0
    var correct = true
    var covered = 0
    for (index, token) in tokens.enumerated() where token.offset < textLength {
      let end = index + 1 < tokens.count ? tokens[index + 1].offset : token.offset + token.text.utf8.count
      let inside = token.offset >= span.lowerBound && token.offset < span.upperBound
      let straddles = token.offset < span.lowerBound && end > span.lowerBound
      guard inside || straddles else { continue }
      guard let value = token.logprob else {
        throw .protocolViolation("the server gave no log-probability for token '\(token.text)' at offset \(token.offset)")
      }
      logprob += value
      covered += 1
      if token.top != token.text { correct = false }
    }
    guard covered > 0 else {
      throw .protocolViolation("no echoed token covers offsets \(span.lowerBound)..<\(span.upperBound)")
    }
    return SpanScore(logprob: logprob, correct: correct)
  }
}
