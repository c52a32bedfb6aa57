"""werkzeug's threaded development server with persistent HTTP/1.1 connections, for moto.

werkzeug 3.1's ``WSGIRequestHandler`` answers every request with ``Connection: close`` and then
drains the socket for up to 10 ms, because ``http.server`` cannot tell where a request body ends
once the application stopped reading it. So every SDK call to moto cost a new socket in the
client and a new thread here. This handler knows where each body ends, from its framing:

* ``Content-Length``: the application reads through a stream that never passes the length, and
  whatever it left unread is read and dropped after the answer (at most ``DRAIN_LIMIT`` bytes;
  beyond that the connection is closed instead);
* ``Transfer-Encoding: chunked``: werkzeug's own de-chunking stream, read to its last chunk the
  same way;
* neither: an HTTP/1.1 request without a body (RFC 9112, 6.3), so the application gets an empty
  stream and never reads into the next request.

Every answer is framed by a ``Content-Length`` computed from the body the application produced
(the application's own value is kept only where no body follows: ``HEAD``, 1xx, 204, 304), and
is written with its headers in one ``send``. The connection stays open for an HTTP/1.1 client
that did not ask to close it; an HTTP/1.0 client, a failed application or an undrainable body
gets ``Connection: close``. An idle connection is closed by its client (the JDK after 5 s), never
from here, so a client never reuses a socket this server is closing.

Upstream form: a keep-alive option of ``werkzeug.serving`` with the same body accounting.
"""

from __future__ import annotations

import email.utils
import io
import logging
import threading
import time
from typing import Any, Callable

from werkzeug.exceptions import InternalServerError
from werkzeug.serving import connection_dropped_errors
from werkzeug.wsgi import LimitedStream

from moto.moto_server.werkzeug_app import MotoRequestHandler

# The request body left unread that is still worth reading to keep the connection (more is closed).
DRAIN_LIMIT = 16 * 1024 * 1024
_NO_BODY_STATUSES = frozenset({204, 304})
_HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length"})


class _Count:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value = 0

    def increment(self) -> None:
        with self._lock:
            self._value += 1

    @property
    def value(self) -> int:
        with self._lock:
            return self._value


_connections = _Count()


def connections_accepted() -> int:
    """Connections this process's keep-alive handlers accepted since it started."""
    return _connections.value


class KeepAliveRequestHandler(MotoRequestHandler):
    """moto's request handler (which keeps underscored header names) on persistent connections."""

    protocol_version = "HTTP/1.1"
    # Answers go out in one write, but a large one spans segments: none waits for the client's ACK.
    disable_nagle_algorithm = True

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # werkzeug formats the line (path, colours, a timestamp) before its logger drops it: 2% of moto's
        # CPU in W8, where the launcher logs werkzeug at WARNING.
        if logging.getLogger("werkzeug").isEnabledFor(logging.INFO):
            super().log_request(code, size)

    def setup(self) -> None:
        super().setup()
        _connections.increment()

    def make_environ(self) -> dict[str, Any]:
        environ = super().make_environ()
        if environ.get("wsgi.input_terminated"):  # chunked: werkzeug's DechunkedInput stops at the last chunk
            return environ
        length = environ.get("CONTENT_LENGTH")
        if length and length.isdigit():
            environ["wsgi.input"] = LimitedStream(self.rfile, int(length))
        else:
            environ["wsgi.input"] = io.BytesIO()
        return environ

    def run_wsgi(self) -> None:
        self.environ = environ = self.make_environ()
        body_stream = environ["wsgi.input"]  # the application may swap in its own copy
        try:
            status, headers, body = _call(self.server.app, environ)
        except connection_dropped_errors as e:
            self.close_connection = True
            self.connection_dropped(e, environ)
            return
        except Exception as e:
            if self.server.passthrough_errors:
                raise
            # The application may have stopped anywhere in the request body: start afresh.
            self.close_connection = True
            status, headers, body = _call(InternalServerError(), environ)
            from werkzeug.debug.tbtools import DebugTraceback

            self.server.log("error", f"Error on request:\n{DebugTraceback(e).render_traceback_text()}")
        if self.request_version != "HTTP/1.1" or not _drain(body_stream):
            self.close_connection = True
        try:
            self._answer(status, headers, body, environ["REQUEST_METHOD"] == "HEAD")
        except connection_dropped_errors as e:
            self.close_connection = True
            self.connection_dropped(e, environ)

    def _answer(self, status: str, headers: list[tuple[str, str]], body: bytes, head: bool) -> None:
        code = int(status.split(None, 1)[0])
        bodiless = head or code < 200 or code in _NO_BODY_STATUSES
        lines = [f"{self.protocol_version} {status}", f"Server: {self.version_string()}", f"Date: {_date()}"]
        for name, value in headers:
            lowered = name.lower()
            if lowered not in _HOP_BY_HOP or (bodiless and lowered == "content-length"):
                lines.append(f"{name}: {value}")
        if not bodiless:
            lines.append(f"Content-Length: {len(body)}")
        if self.close_connection:
            lines.append("Connection: close")
        head_bytes = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head_bytes if bodiless else head_bytes + body)
        self.log_request(code, len(body))


_dated: tuple[int, str] = (-1, "")


def _date() -> str:
    """``date_time_string()``, formatted once a second: the email package's formatdate was 5% of moto's CPU
    in W8. The header names whole seconds, so the text is the same."""
    global _dated
    second = int(time.time())
    dated = _dated
    if dated[0] != second:
        dated = _dated = (second, email.utils.formatdate(second, usegmt=True))
    return dated[1]


def _call(app: Callable[..., Any], environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    """Runs a WSGI application to its last byte (moto's answers are whole documents)."""
    started: list[Any] = []
    chunks: list[bytes] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
        if started and not exc_info:
            raise AssertionError("Headers already set")
        started[:] = [status, headers]
        chunks.clear()  # nothing has been sent yet: an error answer replaces whatever came before it
        return chunks.append

    result = app(environ, start_response)
    try:
        for chunk in result:
            chunks.append(chunk)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    if not started:
        raise AssertionError("The application returned without calling start_response")
    return started[0], started[1], b"".join(chunks)


def _drain(stream: Any) -> bool:
    """Reads what is left of a request body; False when the connection cannot be reused."""
    if isinstance(stream, io.BytesIO):
        return True
    read = 0
    try:
        while read <= DRAIN_LIMIT:
            data = stream.read(64 * 1024)
            if not data:
                return True
            read += len(data)
    except Exception:  # the client went away mid-body, or sent a malformed chunk
        return False
    return False
