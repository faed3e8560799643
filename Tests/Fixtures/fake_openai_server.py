"""A fake OpenAI-compatible server for cwmbench's HTTP adapter tests (stdlib only).

Listens on 127.0.0.1 on a free port and prints the port as its first stdout line.

The "model" is character-level: every character is one token, and the logprob of a token
follows one rule that tests can predict without this file:

* Inside an output line of a Python REPL session (a line that does not start with '>' and
  follows a print that still has output to show), the server knows the true output: it executes the '>>> ' statements before the line
  with CPython (print captured). The expected token is the true line's next character
  (or '\\n' after its end). A token equal to it gets log(0.9); any other token gets
  log(0.01). The top-1 alternative is always the expected token, with log(0.9).
* Anywhere else, the expected token is the actual one, with log(0.5) (so it is top-1).
* The first token of a prompt has logprob null and top_logprobs null, as in OpenAI's API.

Generation continues the text with expected tokens: in an output line, the rest of the
true line; elsewhere '>'. It stops at a stop string (not included) or after max_tokens.

`text_offset` counts characters (Python string indices), as llama-cpp-python's does; for ASCII
text that is the byte offset OpenAI and vLLM give.

Endpoints: GET /v1/models; POST /v1/completions (prompt, max_tokens >= 1, echo, logprobs,
stop, temperature); POST /v1/chat/completions (the last user message's text after its
first blank line is the prompt; the answer is the generated continuation).

Faults: --score-delay S (every POST asking for prompt log-probabilities, 'echo' true, waits S
seconds first, the adapter's start-up probe included: a server whose score path is slow, as
llama-cpp-python's is), --fail-first N (500s), --rate-limit-first N (429s), --fault-skip N (the first N POSTs
are never faulted, e.g. the adapter's start-up probe), --delay S (every POST, or those after the first --delay-after N), --ignore-echo
(like llama.cpp's llama-server: only generated tokens come back), --vllm (echoed logprobs shaped
as vLLM returns them for a tokenizer that adds a BOS: a leading '<s>' token with null logprob,
text_offset counting it, in characters; see vllm_shape), --garbage (POSTs answer
200 with a non-JSON body), --require-key K (401 unless "Authorization: Bearer K"),
--time-limit S (the server exits by itself, default 120 s), --echo-headers (POSTs after --fault-skip answer 400 with the request's headers in
the message, as careless proxies do), --html-probe (the first POST, the adapter's start-up
probe, answers 200 with an HTML page, as a login portal or a misrouted proxy does), --logprob-shift X (POSTs after --fault-skip
add X to every token log-probability: 8 makes them positive, which no probability has), --chunked (answers
in two chunks of Transfer-Encoding: chunked, keeping the connection open), --close
(answer, then close the
connection without saying so in a header, as some proxies and small servers do).
Every POST body's keys and the Authorization header's presence are appended to --log FILE
when given (the key itself is never written); --log-bodies FILE appends every POST body whole,
one JSON line each. --chat-reply TEXT makes chat answers TEXT with '{answer}' replaced by the
generated continuation (e.g. 'The answer is: {answer}').
"""
import argparse
import json
import math
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_ID = "fake-char-model"
LOG_HIT = math.log(0.9)
LOG_MISS = math.log(0.01)
LOG_OTHER = math.log(0.5)


def expected_outputs(text):
    """For each line index of text, the true output line when the line is an output line."""
    namespace = {}
    printed = []

    def fake_print(*args, sep=" ", end="\n"):
        printed.append(sep.join(str(a) for a in args))

    namespace["print"] = fake_print
    truth = {}
    queue = []
    for index, line in enumerate(text.split("\n")):
        if line.startswith(">"):
            queue = []
            if line.startswith(">>> "):
                printed.clear()
                try:
                    exec(line[4:], namespace)
                except Exception:
                    pass
                queue = list(printed)
        elif queue:
            truth[index] = queue.pop(0)
    return truth


def expected_token(text, position, truth):
    """The token the model expects at position (one character), given text[:position]."""
    line_start = text.rfind("\n", 0, position) + 1
    line_index = text.count("\n", 0, line_start)
    in_line = text[line_start:position]
    rest_of_line_end = text.find("\n", line_start)
    whole_line = text[line_start:] if rest_of_line_end < 0 else text[line_start:rest_of_line_end]
    if whole_line.startswith(">") or line_index not in truth:
        return None
    true_line = truth[line_index]
    column = len(in_line)
    return true_line[column] if column < len(true_line) else "\n"


def score(text):
    """Tokens, logprobs and top-1 alternatives for every character of text."""
    truth = expected_outputs(text)
    tokens, logprobs, tops = [], [], []
    for position, char in enumerate(text):
        expected = expected_token(text, position, truth)
        if expected is None:
            logprob, top = LOG_OTHER, {char: LOG_OTHER}
        else:
            logprob = LOG_HIT if char == expected else LOG_MISS
            top = {expected: LOG_HIT}
            if char != expected:
                top[char] = LOG_MISS
        tokens.append(char)
        logprobs.append(None if position == 0 else logprob)
        tops.append(None if position == 0 else top)
    return tokens, logprobs, tops


def generate(text, max_tokens, stops):
    """Greedy continuation of text: the generated tokens and the finish reason."""
    out = ""
    for _ in range(max_tokens):
        full = text + out
        truth = expected_outputs(full + "\n")
        expected = expected_token(full, len(full), truth)
        token = ">" if expected is None else expected
        candidate = out + token
        hit = next((s for s in stops if s and s in candidate), None)
        if hit is not None:
            return candidate[: candidate.index(hit)], "stop"
        out = candidate
    return out, "length"


BOS = "<s>"


def vllm_shape(tokens, logprobs, tops, offsets, echo):
    """The logprobs block as vLLM builds it for a model whose tokenizer adds a BOS token.

    vLLM (serving_completion.py, _create_completion_logprobs) echoes the prompt's token ids,
    BOS included: the BOS comes first with logprob null and top_logprobs null, its decoded
    text ('<s>') is not in choices[0].text but is counted in text_offset, which is a running
    sum of len(token) in characters; the first real token then has a logprob (given the BOS).
    Every top_logprobs entry holds the token itself and the top-N alternatives.
    """
    if not echo:
        return tokens, logprobs, tops, offsets
    first = tokens[0]
    tokens = [BOS] + tokens
    logprobs = [None, LOG_OTHER] + logprobs[1:]
    tops = [None, {first: LOG_OTHER}] + tops[1:]
    offsets, position = [], 0
    for token in tokens:
        offsets.append(position)
        position += len(token)
    return tokens, logprobs, tops, offsets


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.posts = 0


def make_handler(state):
    args = state.args

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def reply(self, status, body, raw=False):
            data = body.encode() if raw else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html" if raw else "application/json")
            if args.chunked:
                # Two chunks, and the connection stays open whatever the client asked.
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                half = len(data) // 2
                for piece in (data[:half], data[half:], b""):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.flush()
                self.close_connection = False
                return
            self.send_header("Content-Length", str(len(data)))
            if status == 429:
                self.send_header("Retry-After", "1")
            self.end_headers()
            self.wfile.write(data)
            if args.close:
                self.wfile.flush()
                self.close_connection = True

        def error(self, status, message, kind="invalid_request_error"):
            self.reply(status, {"error": {"message": message, "type": kind, "code": status}})

        def authorized(self):
            if args.require_key is None:
                return True
            if self.headers.get("Authorization") == "Bearer " + args.require_key:
                return True
            self.error(401, "Incorrect API key provided.", "authentication_error")
            return False

        def do_GET(self):
            if not self.authorized():
                return
            if self.path.split("?")[0].rstrip("/") == "/v1/models":
                self.reply(200, {"object": "list", "data": [
                    {"id": MODEL_ID, "object": "model", "owned_by": "cwmbench-tests"},
                    {"id": "second-model", "object": "model", "owned_by": "cwmbench-tests"}]})
            else:
                self.error(404, "no route '%s'" % self.path)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            with state.lock:
                state.posts += 1
                number = state.posts
            if args.log:
                with state.lock, open(args.log, "a") as log:
                    try:
                        keys = sorted(json.loads(raw))
                    except Exception:
                        keys = ["<not json>"]
                    log.write(json.dumps({"path": self.path, "keys": keys,
                                          "authorization": "Authorization" in self.headers}) + "\n")
            if args.log_bodies:
                with state.lock, open(args.log_bodies, "a") as log:
                    log.write(json.dumps(json.loads(raw), sort_keys=True) + "\n")
            if args.delay and number > args.delay_after:
                time.sleep(args.delay)
            if args.score_delay:
                try:
                    echo = bool(json.loads(raw).get("echo"))
                except Exception:
                    echo = False
                if echo:
                    time.sleep(args.score_delay)
            if not self.authorized():
                return
            if args.html_probe and number == 1:
                return self.reply(200, "<!DOCTYPE html><html><body>Sign in to continue</body></html>", raw=True)
            if args.echo_headers and number > args.fault_skip:
                echoed = "; ".join("%s: %s" % (k, v) for k, v in self.headers.items())
                return self.error(400, "request rejected; it carried the headers " + echoed)
            self.shift = args.logprob_shift if number > args.fault_skip else 0.0
            if number > args.fault_skip:
                faulted = number - args.fault_skip
                if faulted <= args.fail_first:
                    return self.error(500, "internal server error (injected)", "server_error")
                if faulted <= args.fail_first + args.rate_limit_first:
                    return self.error(429, "rate limit reached (injected)", "rate_limit_error")
                if args.garbage:
                    return self.reply(200, "<html><body>502 Bad Gateway</body></html>", raw=True)
            try:
                body = json.loads(raw)
            except Exception:
                return self.error(400, "body is not JSON")
            if body.get("model") != MODEL_ID:
                return self.error(404, "The model `%s` does not exist." % body.get("model"), "not_found_error")
            max_tokens = body.get("max_tokens", 16)
            if not isinstance(max_tokens, int) or max_tokens < 1:
                return self.error(400, "max_tokens must be at least 1, got %r" % max_tokens)
            stops = body.get("stop") or []
            if isinstance(stops, str):
                stops = [stops]
            path = self.path.split("?")[0].rstrip("/")
            if path == "/v1/completions":
                return self.completions(body, max_tokens, stops)
            if path == "/v1/chat/completions":
                return self.chat(body, max_tokens, stops)
            self.error(404, "no route '%s'" % self.path)

        def completions(self, body, max_tokens, stops):
            prompt = body.get("prompt")
            if not isinstance(prompt, str):
                return self.error(400, "prompt must be a string")
            generated, finish = generate(prompt, max_tokens, stops)
            echo = bool(body.get("echo")) and not args.ignore_echo
            text = (prompt + generated) if echo else generated
            choice = {"index": 0, "text": text, "finish_reason": finish, "logprobs": None}
            if body.get("logprobs") is not None:
                tokens, logprobs, tops = score(prompt + generated)
                start = 0 if echo else len(prompt)
                offsets = list(range(start, len(tokens)))
                tokens, logprobs, tops = tokens[start:], logprobs[start:], tops[start:]
                logprobs = [None if value is None else value + self.shift for value in logprobs]
                if args.vllm:
                    tokens, logprobs, tops, offsets = vllm_shape(tokens, logprobs, tops, offsets, echo)
                choice["logprobs"] = {
                    "tokens": tokens,
                    "token_logprobs": logprobs,
                    "top_logprobs": tops,
                    "text_offset": offsets,
                }
            self.reply(200, {"id": "cmpl-1", "object": "text_completion", "created": 0,
                             "model": MODEL_ID, "choices": [choice],
                             "usage": {"prompt_tokens": len(prompt), "completion_tokens": len(generated)}})

        def chat(self, body, max_tokens, stops):
            messages = body.get("messages") or []
            users = [m for m in messages if m.get("role") == "user"]
            if not users:
                return self.error(400, "messages must contain a user message")
            content = users[-1].get("content", "")
            prompt = content.split("\n\n", 1)[1] if "\n\n" in content else content
            generated, finish = generate(prompt, max_tokens, stops)
            # Chat models like to decorate; the adapter is expected to keep the first line, trimmed.
            reply = "  " + generated + "\n(continuing the session)"
            if args.chat_reply is not None:
                reply = args.chat_reply.replace("{answer}", generated)
            self.reply(200, {"id": "chatcmpl-1", "object": "chat.completion", "created": 0,
                             "model": MODEL_ID, "choices": [{"index": 0, "finish_reason": finish,
                                                             "message": {"role": "assistant", "content": reply}}]})

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--rate-limit-first", type=int, default=0)
    parser.add_argument("--fault-skip", type=int, default=0)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--delay-after", type=int, default=0)
    parser.add_argument("--score-delay", type=float, default=0.0)
    parser.add_argument("--ignore-echo", action="store_true")
    parser.add_argument("--vllm", action="store_true")
    parser.add_argument("--garbage", action="store_true")
    parser.add_argument("--require-key")
    parser.add_argument("--log-bodies")
    parser.add_argument("--chat-reply")
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--log")
    parser.add_argument("--close", action="store_true")
    parser.add_argument("--echo-headers", action="store_true")
    parser.add_argument("--html-probe", action="store_true")
    parser.add_argument("--chunked", action="store_true")
    parser.add_argument("--logprob-shift", type=float, default=0.0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(State(args)))
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    timer = threading.Timer(args.time_limit, lambda: __import__("os")._exit(0))
    timer.daemon = True
    timer.start()
    server.serve_forever()


if __name__ == "__main__":
    main()
