"""A loopback HTTP server that answers every request with one scripted, possibly broken, answer (stdlib only).

Listens on 127.0.0.1 on a free port and prints the port as its first stdout line. Unlike
fake_openai_server.py it writes its answers byte by byte as told, so a test can send what
no well-behaved server library would: lengths that do not fit a 64-bit integer, negative
ones, huge chunk sizes, redirects to another origin.

Answers (one of):
  --content-length VALUE   200, "Content-Length: VALUE" as written, then a short JSON body
  --chunk-size HEX         200, chunked, one chunk announced as HEX (then a few bytes and EOF)
  --chunked-bytes N        200, chunked in 16-byte chunks, a chat completion whose content is
                           N bytes of "a" (with a model list, so it answers /v1/models too):
                           the body is built before listening and sent in one go
  --redirect-to URL        307 with "Location: URL" and the request's path appended (URL may be
                           a bare path, another origin or this one); with --redirect-once only
                           the first request is redirected, later ones get the --body answer
  (none)                   200 with the body of --body (default {"data": [{"id": "raw"}]})

Every request's method, path and whether it carried an Authorization header are appended to
--log FILE when given (the header's value never is). The server exits after --time-limit
seconds (default 120) whatever happens.
"""
import argparse
import json
import socket
import sys
import threading
import time


def chunked(body, size):
    out = bytearray()
    for start in range(0, len(body), size):
        piece = body[start:start + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return bytes(out + b"0\r\n\r\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--content-length")
    parser.add_argument("--chunk-size")
    parser.add_argument("--chunked-bytes", type=int)
    parser.add_argument("--redirect-to")
    parser.add_argument("--redirect-once", action="store_true")
    parser.add_argument("--body", default='{"data": [{"id": "raw"}]}')
    parser.add_argument("--log")
    parser.add_argument("--time-limit", type=float, default=120.0)
    args = parser.parse_args()

    prepared = None
    if args.chunked_bytes is not None:
        content = json.dumps({"data": [{"id": "raw"}],
                              "choices": [{"message": {"content": "a" * args.chunked_bytes}}]}).encode()
        prepared = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                    b"Connection: close\r\n\r\n" + chunked(content, 16))
    lock = threading.Lock()
    redirected = []

    def answer(path):
        if prepared is not None:
            return prepared
        if args.content_length is not None:
            body = args.body.encode()
            return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + args.content_length.encode() + b"\r\nConnection: close\r\n\r\n" + body)
        if args.chunk_size is not None:
            return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                    b"Connection: close\r\n\r\n" + args.chunk_size.encode() + b"\r\n{\"data\": []}")
        if args.redirect_to is not None and not (args.redirect_once and redirected):
            redirected.append(path)
            target = args.redirect_to + path
            return (b"HTTP/1.1 307 Temporary Redirect\r\nLocation: " + target.encode()
                    + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        body = args.body.encode()
        return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                b"Connection: close\r\n\r\n" % len(body) + body)

    def serve(connection):
        with connection:
            data = b""
            while b"\r\n\r\n" not in data:
                piece = connection.recv(65536)
                if not piece:
                    return
                data += piece
            head, _, rest = data.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path = lines[0].split(" ")[:2]
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length", "0"))
            while len(rest) < length:
                piece = connection.recv(65536)
                if not piece:
                    break
                rest += piece
            if args.log:
                with lock, open(args.log, "a") as log:
                    log.write("%s %s authorization=%s\n" % (method, path, "authorization" in headers))
            try:
                connection.sendall(answer(path))
                connection.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    threading.Timer(args.time_limit, lambda: __import__("os")._exit(0)).start()
    print(listener.getsockname()[1], flush=True)
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=serve, args=(connection,), daemon=True).start()


if __name__ == "__main__":
    main()
