"""moto server that applies requests one at a time per service, the way DynamoDB applies a
conditional write atomically.

moto_server (werkzeug, threaded) runs requests concurrently, so two conditional
PutItems on the same key can both pass their condition. This launcher builds
moto's app exactly like ``moto/server.py`` does and wraps it in a middleware that
holds a lock for the whole request, including consuming the response iterable: one
for DynamoDB, one for every other service, and none while an SQS long poll waits
(``SerializedApplication``). Each connection is served by its own thread and kept open for the client's next
request (``lib/parley_moto/keepalive.py``: werkzeug 3.1 closes every connection after one answer
and then drains it for up to 10 ms); what that saved is in docs/cost.md, "W8: what moto's time
per request became".

moto's DynamoDB is patched (``lib/parley_moto/dynamodb.py``) so that a Query reads its partition
instead of sorting the whole table, and a transaction snapshots its items instead of its tables:
a local cloud that stores every message keeps its per-call latency. The same patches parse each
expression once per text and project items cheaply, and ``lib/parley_moto/dispatch.py`` stops
moto's per-request directory listing and class inspection: together they halved moto's CPU time
per request in W8's request mix (docs/cost.md, "W8: what moto's time per request became").
DynamoDB's calls then skip the Flask app around moto's DynamoDB handler
(``lib/parley_moto/dynamodb_direct.py``; docs/cost.md, "W8: moto without Flask for DynamoDB, and
quieter long polls"), plain request headers are parsed without the email package
(``lib/parley_moto/headers.py``), and each answer's request id is drawn at once
(``lib/parley_moto/request_ids.py``).

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

from werkzeug.serving import BaseWSGIServer, run_simple  # noqa: E402

from moto.moto_server.werkzeug_app import (  # noqa: E402
    DomainDispatcherApplication,
    create_backend_app,
)

from parley_moto import dispatch as dispatch_patch  # noqa: E402
from parley_moto import dynamodb as dynamodb_patch  # noqa: E402
from parley_moto import dynamodb_direct  # noqa: E402
from parley_moto import headers as headers_patch  # noqa: E402
from parley_moto import keepalive  # noqa: E402
from parley_moto import request_ids as request_ids_patch  # noqa: E402


STATS_PATH = "/_parley/stats"
# Connections waiting to be accepted (the kernel caps it at net.core.somaxconn, 4096 on current Linux).
LISTEN_BACKLOG = 4096
# A user pool's signing keys: moto answers them from a file it ships, without touching any backend's
# state, so they need no lock. Cognito serves them independently of DynamoDB's load; an authorizer
# starting under a connect flood must not wait behind every queued DynamoDB call for them.
JWKS_SUFFIX = "/.well-known/jwks.json"


class _Lock:
    """One lock and what it cost: requests served, time held, time requests waited for it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        self.busy_ns = 0
        self.waited_ns = 0

    def figures(self) -> dict[str, float]:
        return {"requests": self.requests, "busyMillis": self.busy_ns / 1e6, "waitedMillis": self.waited_ns / 1e6}


# SQS's actions that can make a message receivable at once; a long poll on that queue wakes for them.
_SQS_SENDS = frozenset({"SendMessage", "SendMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch"})
# Services whose writes moto delivers into SQS queues as it serves them (an SNS topic's SQS subscriptions,
# an S3 bucket's event notifications): a long poll on any queue wakes for them.
_DELIVER_TO_SQS = ("/sns/aws4_request", "/s3/aws4_request", "%2Fsns%2Faws4_request", "%2Fs3%2Faws4_request")
# The key under which SNS's and S3's writes are counted: they may deliver to any queue.
_EVERY_QUEUE = "*"
# How often a waiting long poll receives again anyway: only messages whose visibility timeout or delay
# ends wake nobody. The local event sources' polls last 1 s, so theirs never receive again before the end.
LONG_POLL_RECHECK_SECONDS = 1.0


def _target(environ: dict[str, Any]) -> str:
    return environ.get("HTTP_X_AMZ_TARGET") or ""


def _is_dynamodb(environ: dict[str, Any]) -> bool:
    if _target(environ).startswith("DynamoDB_"):
        return True
    # SigV4's credential scope: Credential=<key>/<date>/<region>/<service>/aws4_request
    return "/dynamodb/aws4_request" in (environ.get("HTTP_AUTHORIZATION") or "")


def _delivers_to_sqs(environ: dict[str, Any]) -> bool:
    """A write to SNS or S3: signed in its header, presigned in its query string, or a POST form (S3's
    browser upload, how Parley's clients upload media; no other service of moto's takes forms)."""
    if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
        return False
    if (environ.get("CONTENT_TYPE") or "").startswith("multipart/form-data"):
        return True
    signed = (environ.get("HTTP_AUTHORIZATION") or "") + " " + (environ.get("QUERY_STRING") or "")
    return any(scope in signed for scope in _DELIVER_TO_SQS)


def _queue_key(url: Any) -> str:
    """A queue URL's account and name, whatever host moto or the client wrote into it."""
    return "/".join(str(url or "").rstrip("/").split("/")[-2:])


class SerializedApplication:
    """WSGI middleware: DynamoDB's requests one at a time, and every other service's requests one at a
    time, from the read body to the last response byte (except a user pool's JWKS, a constant).

    Two locks, because AWS's services do not wait for each other: moto's DynamoDB shares no state with
    its other services (Parley uses no DynamoDB stream), while SQS, SNS and S3 do (SNS and S3 deliver
    into SQS), so they share the second lock. An SQS call therefore never queues behind DynamoDB's.

    An SQS long poll (``ReceiveMessage`` with ``WaitTimeSeconds`` above 0, JSON protocol) waits outside
    the lock, as SQS does: it receives with ``WaitTimeSeconds`` 0 under the lock, and while that finds
    nothing it waits, lock released, until a send to its queue is served, or a write to SNS or S3 (which
    moto delivers into subscribed queues as it serves it), or ``LONG_POLL_RECHECK_SECONDS`` pass, then
    receives again, until the wait has passed. moto's own long poll
    would hold the lock, so no send could ever end it. A ``ReceiveMessage`` without ``WaitTimeSeconds``
    (the queue's ``ReceiveMessageWaitTimeSeconds`` then applies) is still moto's own.

    Counts what the locks cost, for the benchmarks: ``GET /_parley/stats`` answers (without taking a
    lock) ``{"requests", "busyMillis", "waitedMillis", "cpuMillis", "connections", "other"}``:
    DynamoDB's requests served, time spent holding its lock, time requests spent waiting for it, the CPU
    time this process used (all its threads, inside the locks and out), the connections its clients
    opened (``parley_moto/keepalive.py``) since the start, and ``other``: the first three for the other
    services' lock (a long poll's waits are not counted as waiting for the lock).
    """

    def __init__(self, app: Callable[..., Iterable[bytes]], profiler: Any = None) -> None:
        self._app = app
        self._profiler = profiler
        self._dynamodb = _Lock()
        self._other = _Lock()
        self._counters_lock = threading.Lock()
        self._sends = threading.Condition()
        self._sent: dict[str, int] = {}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        if environ.get("PATH_INFO") == STATS_PATH:
            return self._stats(start_response)
        if environ.get("REQUEST_METHOD") == "GET" and environ.get("PATH_INFO", "").endswith(JWKS_SUFFIX):
            return list(self._app(environ, start_response))
        # The body is read before the lock: a client slow to send it must not hold up everyone else.
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        environ["wsgi.input"] = io.BytesIO(body)
        if _is_dynamodb(environ):
            return self._serve(self._dynamodb, environ, start_response)
        target = _target(environ)
        if target == "AmazonSQS.ReceiveMessage":
            request = _json(body)
            wait = request.get("WaitTimeSeconds") if request is not None else None
            if isinstance(wait, int) and wait > 0:
                return self._long_poll(environ, start_response, request, wait)
        try:
            return self._serve(self._other, environ, start_response)
        finally:
            if target.startswith("AmazonSQS.") and target[len("AmazonSQS."):] in _SQS_SENDS:
                self._notify(_queue_key((_json(body) or {}).get("QueueUrl")))
            elif _delivers_to_sqs(environ):
                self._notify(_EVERY_QUEUE)

    def _serve(self, lock: _Lock, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        arrived = time.perf_counter_ns()
        with lock.lock:
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
                    lock.requests += 1
                    lock.busy_ns += done - acquired
                    lock.waited_ns += acquired - arrived

    def _long_poll(self, environ: dict[str, Any], start_response: Callable[..., Any], request: dict[str, Any],
                   wait: int) -> list[bytes]:
        deadline = time.monotonic() + wait
        queue = _queue_key(request.get("QueueUrl"))
        body = json.dumps({**request, "WaitTimeSeconds": 0}).encode("utf-8")
        while True:
            with self._sends:
                seen = self._wakes(queue)
            answer: dict[str, Any] = {}

            def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
                answer["status"], answer["headers"] = status, headers
                return lambda data: None

            attempt = dict(environ, CONTENT_LENGTH=str(len(body)))
            attempt["wsgi.input"] = io.BytesIO(body)
            chunks = self._serve(self._other, attempt, capture)
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not answer["status"].startswith("200") or _received(chunks):
                start_response(answer["status"], answer["headers"])
                return chunks
            with self._sends:
                self._sends.wait_for(lambda: self._wakes(queue) != seen,
                                     timeout=min(remaining, LONG_POLL_RECHECK_SECONDS))

    def _wakes(self, queue: str) -> tuple[int, int]:
        """What a long poll on queue waits to change: its own sends, and SNS's and S3's writes."""
        return self._sent.get(queue, 0), self._sent.get(_EVERY_QUEUE, 0)

    def _notify(self, queue: str) -> None:
        with self._sends:
            self._sent[queue] = self._sent.get(queue, 0) + 1
            self._sends.notify_all()

    def _stats(self, start_response: Callable[..., Any]) -> list[bytes]:
        with self._counters_lock:
            stats: dict[str, Any] = {**self._dynamodb.figures(), "cpuMillis": time.process_time() * 1000,
                                     "connections": keepalive.connections_accepted(), "other": self._other.figures()}
        body = json.dumps(stats).encode("utf-8")
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]


def _json(body: bytes) -> dict[str, Any] | None:
    try:
        parsed = json.loads(body or b"{}")
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _received(chunks: list[bytes]) -> bool:
    answer = _json(b"".join(chunks))
    return bool(answer and answer.get("Messages"))


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
    # Plain request headers are read without the email package (parley_moto/headers.py).
    headers_patch.apply()
    # Each answer's request id drawn at once, its body searched only when it can hold one (parley_moto/request_ids.py).
    request_ids_patch.apply()
    main_app = DomainDispatcherApplication(create_backend_app)
    main_app.debug = True  # type: ignore[attr-defined]

    # werkzeug listens with a backlog of 128. When a bench closes 2,000 sockets at once, their 2,000
    # $disconnects call moto at once, each on a connection of its own; beyond the backlog the kernel
    # drops the SYNs and the SDK's calls fail with "Connect timed out" (2 s, four attempts).
    BaseWSGIServer.request_queue_size = LISTEN_BACKLOG
    run_simple(
        args.host,
        args.port,
        # DynamoDB's calls skip the Flask app around moto's DynamoDB handler (parley_moto/dynamodb_direct.py).
        SerializedApplication(PushesRoute(dynamodb_direct.Route(main_app)), profiler),
        threaded=True,
        request_handler=keepalive.KeepAliveRequestHandler,
    )


if __name__ == "__main__":
    main()
