"""parley_moto.keepalive: moto answers on persistent HTTP/1.1 connections, each answer framed.

The first class runs the real launcher (moto_serial.py) and sends moto's answers, moto's error
answers and the launcher's own /_parley/* routes over one socket; the second runs the handler
in-process around small applications, for the framings moto rarely produces.

Run by ./parley test:
    .venv/bin/python -m unittest discover -s local-env/src/test/python
"""

import http.client
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import unittest
from typing import Any

_MAIN = os.path.join(os.path.dirname(__file__), "..", "..", "main", "python")
sys.path.insert(0, os.path.join(_MAIN, "lib"))
from parley_moto import keepalive  # noqa: E402

from werkzeug.serving import make_server  # noqa: E402

AUTH = ("AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dynamodb(operation: str, body: dict[str, Any]) -> tuple[str, str, bytes, dict[str, str]]:
    return ("POST", "/", json.dumps(body).encode(), {
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"DynamoDB_20120810.{operation}",
        "Authorization": AUTH, "X-Amz-Date": "20250101T000000Z"})


class Exchange:
    """One client connection; each answer is read by its Content-Length and nothing else."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.connection.connect()
        self.socket = self.connection.sock

    def send(self, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, bytes, http.client.HTTPResponse]:
        self.connection.request(method, path, body, headers or {})
        response = self.connection.getresponse()
        data = response.read()
        return response.status, data, response

    def still_open(self) -> bool:
        """The answer did not close the connection, on either side."""
        return self.connection.sock is self.socket and self.socket is not None

    def close(self) -> None:
        self.connection.close()


def assert_framed(test: unittest.TestCase, body: bytes, response: http.client.HTTPResponse) -> None:
    test.assertEqual(str(len(body)), response.getheader("Content-Length"), response.getheaders())
    test.assertIsNone(response.getheader("Transfer-Encoding"))
    test.assertNotEqual("close", (response.getheader("Connection") or "").lower())


class LauncherKeepAliveTest(unittest.TestCase):
    """The launcher as local-env starts it, with moto and its patches."""

    process: subprocess.Popen[bytes]
    port: int

    @classmethod
    def setUpClass(cls) -> None:
        cls.port = free_port()
        cls.process = subprocess.Popen([sys.executable, os.path.join(_MAIN, "moto_serial.py"), "-p", str(cls.port)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", cls.port), timeout=1):
                    break
            except OSError:
                if cls.process.poll() is not None or time.monotonic() > deadline:
                    cls.process.kill()
                    raise RuntimeError("moto_serial.py did not start listening")
                time.sleep(0.1)  # polling for the port, not waiting for an outcome

    @classmethod
    def tearDownClass(cls) -> None:
        cls.process.terminate()
        cls.process.wait(timeout=30)

    def stats(self, exchange: Exchange) -> dict[str, Any]:
        status, body, response = exchange.send("GET", "/_parley/stats")
        self.assertEqual(200, status)
        assert_framed(self, body, response)
        return json.loads(body)

    def test_moto_answers_errors_and_parley_routes_share_one_connection(self) -> None:
        exchange = Exchange(self.port)
        try:
            before = self.stats(exchange)
            requests = [
                (dynamodb("CreateTable", {
                    "TableName": "kept", "BillingMode": "PAY_PER_REQUEST",
                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}), 200),
                (dynamodb("PutItem", {"TableName": "kept", "Item": {"pk": {"S": "a"}}}), 200),
                (dynamodb("PutItem", {"TableName": "kept", "Item": {"pk": {"S": "a"}},
                                      "ConditionExpression": "attribute_not_exists(pk)"}), 400),
                (dynamodb("DescribeTable", {"TableName": "missing"}), 400),
                (("GET", "/_parley/pushes", None, {}), 200),
                # Answered by the launcher without reading the body: the handler reads past it.
                (("PUT", "/_parley/pushes", b"x" * 5000, {}), 405),
                (("POST", "/_parley/stats", b"y" * 70000, {}), 200),
                (dynamodb("GetItem", {"TableName": "kept", "Key": {"pk": {"S": "a"}}}), 200),
            ]
            for (method, path, body, headers), expected in requests:
                status, answer, response = exchange.send(method, path, body, headers)
                self.assertEqual(expected, status, (method, path, answer))
                assert_framed(self, answer, response)
                self.assertTrue(exchange.still_open(), (method, path))
            self.assertIn(b'"pk": {"S": "a"}', answer)
            after = self.stats(exchange)
            self.assertEqual(before["connections"], after["connections"], "every request came over the first socket")
            # Both stats calls and the POST to it skip the locks and their counts.
            served = after["requests"] + after["other"]["requests"] - before["requests"] - before["other"]["requests"]
            self.assertEqual(len(requests) - 1, served)
            self.assertEqual(5, after["requests"] - before["requests"], "DynamoDB's lock counts DynamoDB's calls")
        finally:
            exchange.close()

    def test_a_client_that_asks_to_close_is_answered_and_closed(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as raw:
            raw.sendall(b"GET /_parley/pushes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            received = receive_until_closed(raw)
        head, _, body = received.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"HTTP/1.1 200 OK\r\n"), received)
        self.assertIn(b"\r\nConnection: close", head)
        self.assertIn(f"\r\nContent-Length: {len(body)}".encode(), head)


def receive_until_closed(raw: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (a timeout fails the test)."""
    received = b""
    while chunk := raw.recv(4096):
        received += chunk
    return received


def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Answers by path, reading no request body unless the path says so."""
    path = environ["PATH_INFO"]
    if path == "/echo":
        body = environ["wsgi.input"].read()
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return [body]
    if path == "/pieces":  # no Content-Length of its own, several pieces
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"one ", b"two ", b"three"]
    if path == "/wrong-length":
        start_response("200 OK", [("Content-Length", "999")])
        return [b"short"]
    if path == "/empty":
        start_response("204 No Content", [])
        return []
    if path == "/head":
        start_response("200 OK", [("Content-Length", "42")])
        return [b""]
    if path == "/fail":
        raise RuntimeError("the application failed")
    start_response("200 OK", [("Content-Length", "2")])
    return [b"ok"]


def read_answer(reader: Any) -> tuple[int, bytes]:
    """One answer off a raw connection, by its status line, headers and Content-Length."""
    status = int(reader.readline().split()[1])
    length = 0
    while (line := reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return status, reader.read(length)


class HandlerFramingTest(unittest.TestCase):
    server: Any
    thread: threading.Thread

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = make_server("127.0.0.1", 0, application, threaded=True,
                                 request_handler=keepalive.KeepAliveRequestHandler)
        # Quiet: each request's line, and the failing application's traceback, which is expected.
        logging.getLogger("werkzeug").setLevel(logging.CRITICAL)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.shutdown()
        cls.server.server_close()

    def setUp(self) -> None:
        self.exchange = Exchange(self.server.server_port)

    def tearDown(self) -> None:
        self.exchange.close()

    def test_answers_without_their_own_length_or_with_a_wrong_one_are_framed_by_their_body(self) -> None:
        for path, expected in (("/pieces", b"one two three"), ("/wrong-length", b"short"), ("/", b"ok")):
            status, body, response = self.exchange.send("GET", path)
            self.assertEqual((200, expected), (status, body))
            assert_framed(self, body, response)
            self.assertTrue(self.exchange.still_open(), path)

    def test_each_answer_is_dated_as_http_server_dates_it_that_second(self) -> None:
        from http.server import BaseHTTPRequestHandler
        for _ in range(3):
            before = BaseHTTPRequestHandler.date_time_string(None)  # type: ignore[arg-type]
            response = self.exchange.send("GET", "/")[2]
            after = BaseHTTPRequestHandler.date_time_string(None)  # type: ignore[arg-type]
            self.assertIn(response.getheader("Date"), {before, after})

    def test_a_body_left_unread_or_read_is_consumed_up_to_its_end(self) -> None:
        for path, body in (("/", b"left unread " * 1000), ("/echo", b"read back"), ("/", b"")):
            status, answer, _ = self.exchange.send("POST", path, body)
            self.assertEqual(200, status)
            if path == "/echo":
                self.assertEqual(body, answer)
        self.assertEqual((200, b"ok"), self.exchange.send("GET", "/")[:2])
        self.assertTrue(self.exchange.still_open())

    def test_a_chunked_body_is_read_to_its_last_chunk(self) -> None:
        with socket.create_connection(("127.0.0.1", self.server.server_port), timeout=30) as raw:
            raw.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
                        b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        b"3\r\nabc\r\n0\r\n\r\n"
                        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            reader = raw.makefile("rb")
            answers = [read_answer(reader) for _ in range(3)]
            self.assertEqual([(200, b"hello world"), (200, b"ok"), (200, b"ok")], answers)

    def test_no_body_follows_a_204_or_a_head_and_the_head_keeps_its_length(self) -> None:
        status, body, response = self.exchange.send("GET", "/empty")
        self.assertEqual((204, b""), (status, body))
        self.assertIsNone(response.getheader("Content-Length"))
        status, body, response = self.exchange.send("HEAD", "/head")
        self.assertEqual((200, b""), (status, body))
        self.assertEqual("42", response.getheader("Content-Length"))
        self.assertEqual((200, b"ok"), self.exchange.send("GET", "/")[:2])
        self.assertTrue(self.exchange.still_open())

    def test_a_failed_application_answers_500_and_closes(self) -> None:
        status, body, response = self.exchange.send("POST", "/fail", b"unread")
        self.assertEqual(500, status)
        self.assertEqual(str(len(body)), response.getheader("Content-Length"))
        self.assertEqual("close", response.getheader("Connection"))

    def test_an_http_1_0_request_is_answered_and_closed(self) -> None:
        with socket.create_connection(("127.0.0.1", self.server.server_port), timeout=30) as raw:
            raw.sendall(b"GET / HTTP/1.0\r\n\r\n")
            received = receive_until_closed(raw)
        self.assertTrue(received.startswith(b"HTTP/1.1 200 OK\r\n"), received)
        self.assertIn(b"\r\nConnection: close\r\n", received)
        self.assertTrue(received.endswith(b"\r\n\r\nok"), received)

    def test_a_request_line_is_formatted_only_when_werkzeugs_logger_takes_info(self) -> None:
        logger = logging.getLogger("werkzeug")
        level = logger.level
        handler = keepalive.KeepAliveRequestHandler
        stamped: list[str] = []  # the paths of the requests whose log line was formatted
        original = handler.log_date_time_string
        handler.log_date_time_string = lambda self: stamped.append(getattr(self, "path", "")) or "stamp"  # type: ignore[method-assign]
        try:
            # The handler logs after writing the answer; the connection's next request is read only after
            # that, so each level holds until a second request on the same connection is answered.
            logger.setLevel(logging.WARNING)  # as the launcher sets it
            self.assertEqual(200, self.exchange.send("GET", "/dropped", b"")[0])
            self.assertEqual(200, self.exchange.send("GET", "/after-dropped", b"")[0])
            logger.setLevel(logging.INFO)
            with self.assertLogs("werkzeug", logging.INFO) as logs:
                self.assertEqual(200, self.exchange.send("GET", "/logged", b"")[0])
                self.assertEqual(200, self.exchange.send("GET", "/after-logged", b"")[0])
        finally:
            handler.log_date_time_string = original  # type: ignore[method-assign]
            logger.setLevel(level)
        self.assertNotIn("/dropped", stamped, "a request line was formatted for a logger that drops it")
        self.assertIn("/logged", stamped)
        self.assertTrue(any('"GET /logged HTTP/1.1" 200' in line for line in logs.output), logs.output)

if __name__ == "__main__":
    unittest.main()
