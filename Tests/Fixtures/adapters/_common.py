"""Shared plumbing for the cwmbench/1 test adapters (stdlib only).

Reads stdin in large chunks and answers every complete line, flushing once per
chunk, so a pipelined harness is not slowed down by one write per answer.
"""
import json
import os
import sys


def hello(name="test-adapter", modes=("score", "generate", "choice"), train_length=None):
    answer = {"ok": True, "name": name, "modes": list(modes)}
    if train_length is not None:
        answer["train_length"] = train_length
    return answer


def answer(request):
    """The deterministic answer every well-behaved fixture gives.

    score: each span gets logprob -(end - start) / 10 and correct = (end - start) is odd;
    generate: the prompt's length as text (proves the whole prompt arrived);
    choice: candidate i gets -(i + 1) - len(candidate) / 100.
    A text or prompt starting with "ERROR:" gets an error answer.
    """
    rid = request["id"]
    op = request["op"]
    body = request.get("text", request.get("prompt", ""))
    if body.startswith("ERROR:"):
        return {"id": rid, "error": body[len("ERROR:"):].split("\n")[0]}
    if op == "score":
        return {"id": rid, "spans": [{"logprob": -(e - s) / 10, "correct": (e - s) % 2 == 1}
                                     for s, e in request["spans"]]}
    if op == "generate":
        return {"id": rid, "text": str(len(request["prompt"]))}
    if op == "choice":
        return {"id": rid, "logprobs": [-(i + 1) - len(c) / 100 for i, c in enumerate(request["candidates"])]}
    return {"id": rid, "error": "unknown op '%s'" % op}


def lines(fd=0):
    """Yields batches of complete lines from fd until EOF."""
    pending = b""
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return
        pending += chunk
        parts = pending.split(b"\n")
        pending = parts.pop()
        yield [p for p in parts if p]


def write(objects):
    if objects:
        sys.stdout.write("".join(json.dumps(o) + "\n" for o in objects))
        sys.stdout.flush()


def handshake(first_line, answer_hello):
    request = json.loads(first_line)
    assert request == {"op": "hello", "protocol": "cwmbench/1"}, request
    write([answer_hello])
