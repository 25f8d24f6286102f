"""A fault-injecting HTTP server on 127.0.0.1 for tests and the hostile-input figures.

Each path is given a behaviour: a normal answer, an error status (with or without Retry-After), a flaky answer
that fails N times first, a slow body, a connection reset mid-body, a wrong Content-Length, a redirect (loop,
another port, another 127.x address), an empty 200, a gzip bomb, a huge body.  Bodies are streamed, so a
50 MB answer costs the test no memory.  Every request is counted in `hits`.
"""

from __future__ import annotations

import gzip
import io
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Behaviour = Callable[["_Handler"], None]


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.owner.hits[path] += 1
        behaviour = self.server.owner.routes.get(path)
        if behaviour is None:
            send(self, 404, b"not found", "text/plain")
        else:
            behaviour(self)

    do_POST = do_GET

    def send_head(self, status: int, content_type: str = "application/json", length: int | None = None,
                  headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: "FaultServer"


class FaultServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.routes: dict[str, Behaviour] = {}
        self.hits: Counter[str] = Counter()
        self.server = _Server((host, port), _Handler)
        self.server.owner = self
        self.host, self.port = self.server.server_address[:2]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FaultServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, behaviour: Behaviour) -> str:
        self.routes[path] = behaviour
        return self.url(path)


# ---- behaviours ------------------------------------------------------------------------------

def send(handler: _Handler, status: int, body: bytes, content_type: str = "application/json",
         headers: dict[str, str] | None = None) -> None:
    handler.send_head(status, content_type, len(body), headers)
    handler.wfile.write(body)


def ok(body: bytes | str, content_type: str = "application/json", headers: dict[str, str] | None = None
       ) -> Behaviour:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return lambda h: send(h, 200, data, content_type, headers)


def status(code: int, retry_after: str | None = None, body: bytes = b"error") -> Behaviour:
    headers = {"Retry-After": retry_after} if retry_after is not None else None
    return lambda h: send(h, code, body, "text/plain", headers)


def flaky(failures: int, then: Behaviour, code: int = 503, retry_after: str | None = None) -> Behaviour:
    """Fails `failures` times, then behaves as `then`."""
    count = {"n": 0}
    lock = threading.Lock()

    def behaviour(h: _Handler) -> None:
        with lock:
            count["n"] += 1
            failing = count["n"] <= failures
        (status(code, retry_after) if failing else then)(h)
    return behaviour


def slow(body: bytes, chunks: int = 5, delay: float = 0.2) -> Behaviour:
    def behaviour(h: _Handler) -> None:
        h.send_head(200, "application/json", len(body))
        step = max(1, len(body) // chunks)
        for start in range(0, len(body), step):
            h.wfile.write(body[start:start + step])
            h.wfile.flush()
            time.sleep(delay)
    return behaviour


def reset_mid_body(body: bytes) -> Behaviour:
    """Headers promise the whole body; half is sent, then the connection is reset (RST)."""
    def behaviour(h: _Handler) -> None:
        h.send_head(200, "application/json", len(body))
        h.wfile.write(body[: len(body) // 2])
        h.wfile.flush()
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.connection.close()
    return behaviour


def wrong_length(body: bytes, declared: int) -> Behaviour:
    def behaviour(h: _Handler) -> None:
        h.send_head(200, "application/json", declared)
        h.wfile.write(body)
        h.wfile.flush()
        h.connection.shutdown(socket.SHUT_RDWR)
    return behaviour


def redirect(location: str, code: int = 302) -> Behaviour:
    return lambda h: send(h, code, b"", "text/plain", {"Location": location})


def empty() -> Behaviour:
    return lambda h: send(h, 200, b"", "application/json")


def gzip_bomb(decompressed_mb: int = 512) -> Behaviour:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as gz:
        chunk = b"\0" * (1 << 20)
        for _ in range(decompressed_mb):
            gz.write(chunk)
    data = buffer.getvalue()
    return lambda h: send(h, 200, data, "application/json", {"Content-Encoding": "gzip"})


def huge(megabytes: int = 50, content_type: str = "application/json") -> Behaviour:
    """A body of `megabytes` MB, streamed (never held in memory)."""
    size = megabytes << 20

    def behaviour(h: _Handler) -> None:
        h.send_head(200, content_type, size)
        chunk = b'{"offers": [' + b" " * ((1 << 16) - 12)
        sent = 0
        try:
            while sent < size:
                piece = chunk[: min(len(chunk), size - sent)]
                h.wfile.write(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should
    return behaviour
