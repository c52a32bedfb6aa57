"""moto server that applies requests one at a time, the way DynamoDB applies a
conditional write atomically.

moto_server (werkzeug, threaded) runs requests concurrently, so two conditional
PutItems on the same key can both pass their condition. This launcher builds
moto's app exactly like ``moto/server.py`` does and wraps it in a middleware that
holds one global lock for the whole request, including consuming the response
iterable. Each connection is served by its own thread and kept open for the client's next
request (``lib/parley_moto/keepalive.py``: werkzeug 3.1 closes every connection after one answer
and then drains it for up to 10 ms); what that saved is in docs/cost.md, "W8: what moto's time
per request became".

moto's DynamoDB is patched (``lib/parley_moto/dynamodb.py``) so that a Query reads its partition
instead of sorting the whole table, and a transaction snapshots its items instead of its tables:
a local cloud that stores every message keeps its per-call latency. The same patches parse each
expression once per text and project items cheaply, and ``lib/parley_moto/dispatch.py`` stops
moto's per-request directory listing and class inspection: together they halved moto's CPU time
per request in W8's request mix (docs/cost.md, "W8: what moto's time per request became").

It also serves one route of its own, for tests only (moto has no API for it):
``GET /_parley/pushes`` returns what SNS "delivered" to each mobile platform
endpoint, as JSON ``{endpointArn: {"application", "token", "customUserData",
"enabled", "messages": [{"messageId", "message"}]}}`` (``message`` is the
string that was published: with MessageStructure=json, the whole JSON document);
``DELETE /_parley/pushes`` forgets the messages (endpoints stay).

Usage: python moto_serial.py -H 127.0.0.1 -p 5055 [--parent-managed]
"""

import os
import sys

# token.py (./parley token) lives next to this file and shadows the standard library's `token`
# module, which logging imports; keep this directory off the import path.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
sys.path.insert(0, os.path.join(_HERE, "lib"))

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import signal  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from typing import Any, Callable, Iterable  # noqa: E402

from werkzeug.serving import run_simple  # noqa: E402

from moto.moto_server.werkzeug_app import (  # noqa: E402
    DomainDispatcherApplication,
    create_backend_app,
)

from parley_moto import dispatch as dispatch_patch  # noqa: E402
from parley_moto import dynamodb as dynamodb_patch  # noqa: E402
from parley_moto import keepalive  # noqa: E402


STATS_PATH = "/_parley/stats"
# A user pool's signing keys: moto answers them from a file it ships, without touching any backend's
# state, so they need no lock. Cognito serves them independently of DynamoDB's load; an authorizer
# starting under a connect flood must not wait behind every queued DynamoDB call for them.
JWKS_SUFFIX = "/.well-known/jwks.json"


class SerializedApplication:
    """WSGI middleware: one request at a time, from its read body to its last response byte
    (except a user pool's JWKS, a constant).

    Counts what the lock costs, for the benchmarks: ``GET /_parley/stats`` answers (without
    taking the lock) ``{"requests", "busyMillis", "waitedMillis", "cpuMillis", "connections"}``:
    requests served, time spent holding the lock, time requests spent waiting for it, the CPU time
    this process used (all its threads, inside the lock and out) and the connections its clients
    opened (``parley_moto/keepalive.py``), since the start.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]], profiler: Any = None) -> None:
        self._app = app
        self._profiler = profiler
        self._lock = threading.Lock()
        self._counters_lock = threading.Lock()
        self._requests = 0
        self._busy_ns = 0
        self._waited_ns = 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        if environ.get("PATH_INFO") == STATS_PATH:
            return self._stats(start_response)
        if environ.get("REQUEST_METHOD") == "GET" and environ.get("PATH_INFO", "").endswith(JWKS_SUFFIX):
            return list(self._app(environ, start_response))
        # The body is read before the lock: a client slow to send it must not hold up everyone else.
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > 0:
            environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(length))
        arrived = time.perf_counter_ns()
        with self._lock:
            acquired = time.perf_counter_ns()
            if self._profiler is not None:
                self._profiler.enable()
            try:
                result = self._app(environ, start_response)
                try:
                    return list(result)
                finally:
                    close = getattr(result, "close", None)
                    if close is not None:
                        close()
            finally:
                if self._profiler is not None:
                    self._profiler.disable()
                done = time.perf_counter_ns()
                with self._counters_lock:
                    self._requests += 1
                    self._busy_ns += done - acquired
                    self._waited_ns += acquired - arrived

    def _stats(self, start_response: Callable[..., Any]) -> list[bytes]:
        with self._counters_lock:
            stats = {"requests": self._requests, "busyMillis": self._busy_ns / 1e6, "waitedMillis": self._waited_ns / 1e6,
                     "cpuMillis": time.process_time() * 1000, "connections": keepalive.connections_accepted()}
        body = json.dumps(stats).encode("utf-8")
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]


PUSHES_PATH = "/_parley/pushes"


def platform_pushes(clear: bool = False) -> dict[str, Any]:
    """Every SNS platform endpoint of every account and region, with the messages published to it."""
    from moto.sns.models import sns_backends

    pushes: dict[str, Any] = {}
    for _account, _region, backend in sns_backends.iter_backends():
        for arn, endpoint in backend.platform_endpoints.items():  # type: ignore[attr-defined]
            if clear:
                endpoint.messages.clear()
            pushes[arn] = {
                "application": endpoint.application.arn,
                "token": endpoint.token,
                "customUserData": endpoint.custom_user_data,
                "enabled": endpoint.enabled,
                "messages": [{"messageId": mid, "message": msg} for mid, msg in endpoint.messages.items()],
            }
    return pushes


class PushesRoute:
    """WSGI middleware: answers PUSHES_PATH itself, passes everything else to moto."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self._app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != PUSHES_PATH:
            return self._app(environ, start_response)
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "DELETE"):
            start_response("405 Method Not Allowed", [("Allow", "GET, DELETE"), ("Content-Length", "0")])
            return [b""]
        body = json.dumps(platform_pushes(clear=method == "DELETE")).encode("utf-8")
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]


def exit_when_parent_goes(stream: Any, before_exit: Callable[[], None]) -> None:
    """The parent keeps our stdin open; EOF means it died, even by SIGKILL."""
    def watch() -> None:
        while stream.read(4096):
            pass
        before_exit()
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=int(os.environ.get("MOTO_PORT", 5000)))
    parser.add_argument("--parent-managed", action="store_true",
                        help="run as local-env's child: exit when stdin closes (the parent died) and leave "
                             "Ctrl-C to the parent, which stops us with SIGTERM once its own clients are done")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    parser.add_argument("--profile", metavar="FILE", default=os.environ.get("PARLEY_MOTO_PROFILE"),
                        help="profile every request (cProfile; one at a time, so one profiler sees them all) and write "
                             "the stats to FILE on exit, for python -m pstats (default: $PARLEY_MOTO_PROFILE)")
    args = parser.parse_args(argv)

    # moto builds some URLs (queue URLs, for example) from MOTO_PORT.
    os.environ.setdefault("MOTO_PORT", str(args.port))
    if not args.verbose:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    profiler = cProfile.Profile() if args.profile else None

    def write_profile() -> None:
        if profiler is not None:
            profiler.dump_stats(args.profile)

    def stop(signum: Any, frame: Any) -> None:
        write_profile()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    if args.parent_managed:
        # Ctrl-C reaches the whole process group; the parent still has $disconnect handlers to run against us.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        exit_when_parent_goes(sys.stdin.buffer, write_profile)
    else:
        signal.signal(signal.SIGINT, stop)

    # Query and TransactWriteItems cost what they touch, not what the table holds (parley_moto/dynamodb.py).
    dynamodb_patch.apply()
    # The same routing answers on every request, computed once (parley_moto/dispatch.py).
    dispatch_patch.apply()
    main_app = DomainDispatcherApplication(create_backend_app)
    main_app.debug = True  # type: ignore[attr-defined]

    run_simple(
        args.host,
        args.port,
        SerializedApplication(PushesRoute(main_app), profiler),
        threaded=True,
        request_handler=keepalive.KeepAliveRequestHandler,
    )


if __name__ == "__main__":
    main()
