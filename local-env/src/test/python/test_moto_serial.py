"""moto_serial.SerializedApplication: one request at a time per lock (DynamoDB's, every other
service's), except a user pool's JWKS, and SQS long polls that wait outside the lock.

Run by ./parley test:
    .venv/bin/python -m unittest discover -s local-env/src/test/python
"""

import io
import json
import os
import sys
import threading
import time
import unittest
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))
import launcher  # noqa: E402

moto_serial = launcher.moto_serial()


def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Length", "2")])
    return [b"ok"]


def request(serialized: Any, method: str, path: str) -> list[bytes]:
    return serialized({"REQUEST_METHOD": method, "PATH_INFO": path}, lambda status, headers: None)


class SerializedApplicationTest(unittest.TestCase):
    def test_a_user_pools_jwks_is_answered_while_another_request_holds_the_lock(self) -> None:
        serialized = moto_serial.SerializedApplication(app)
        answers: list[list[bytes]] = []
        with serialized._dynamodb.lock:  # a DynamoDB call in progress
            reader = threading.Thread(target=lambda: answers.append(
                request(serialized, "GET", "/us-east-1_abc/.well-known/jwks.json")))
            reader.start()
            reader.join(timeout=30)
            self.assertFalse(reader.is_alive(), "the JWKS request waited for the lock")
        self.assertEqual([[b"ok"]], answers)

    def test_every_other_request_takes_a_lock_and_is_counted_by_lock(self) -> None:
        serialized = moto_serial.SerializedApplication(app)
        self.assertEqual([b"ok"], request(serialized, "POST", "/"))
        self.assertEqual([b"ok"], call(serialized, "DynamoDB_20120810.GetItem", {}))
        self.assertEqual([b"ok"], request(serialized, "GET", "/us-east-1_abc/.well-known/jwks.json"))
        stats = json.loads(request(serialized, "GET", moto_serial.STATS_PATH)[0])
        self.assertEqual(1, stats["requests"])
        self.assertEqual(1, stats["other"]["requests"])

    def test_only_a_get_of_the_jwks_skips_the_lock(self) -> None:
        serialized = moto_serial.SerializedApplication(app)
        request(serialized, "POST", "/us-east-1_abc/.well-known/jwks.json")
        self.assertEqual(1, json.loads(request(serialized, "GET", moto_serial.STATS_PATH)[0])["other"]["requests"])

    def test_dynamodb_and_the_other_services_do_not_wait_for_each_other(self) -> None:
        serialized = moto_serial.SerializedApplication(app)
        dynamodb = {"HTTP_AUTHORIZATION": "AWS4-HMAC-SHA256 Credential=k/20261207/us-east-1/dynamodb/aws4_request, x"}
        sqs = {"HTTP_AUTHORIZATION": "AWS4-HMAC-SHA256 Credential=k/20261207/us-east-1/sqs/aws4_request, x"}
        with serialized._dynamodb.lock:  # a DynamoDB call in progress
            self.assertEqual([b"ok"], in_thread(lambda: call(serialized, "AmazonSQS.SendMessage", {}, sqs)))
        with serialized._other.lock:  # an SQS call in progress
            self.assertEqual([b"ok"], in_thread(lambda: call(serialized, "", {}, dynamodb)))
            self.assertEqual([b"ok"], in_thread(lambda: call(serialized, "DynamoDB_20120810.Query", {})))

    def test_a_long_poll_waits_outside_the_lock_and_ends_when_its_queue_gets_a_message(self) -> None:
        sqs = FakeSqs()
        serialized = moto_serial.SerializedApplication(sqs)
        answers: list[list[bytes]] = []
        poll = threading.Thread(target=lambda: answers.append(call(serialized, "AmazonSQS.ReceiveMessage", {
            "QueueUrl": "http://localhost:5055/123456789012/jobs", "WaitTimeSeconds": 20})))
        poll.start()
        self.assertTrue(sqs.received.wait(30), "the long poll never received")
        # While it waits: the lock is free, and a send to another queue does not end it.
        in_thread(lambda: call(serialized, "AmazonSQS.SendMessage", {
            "QueueUrl": "http://localhost:5055/123456789012/other", "MessageBody": "not for it"}))
        self.assertTrue(poll.is_alive())
        in_thread(lambda: call(serialized, "AmazonSQS.SendMessage", {
            "QueueUrl": "http://sqs.us-east-1.localhost:5055/123456789012/jobs", "MessageBody": "job"}))
        poll.join(timeout=30)
        self.assertFalse(poll.is_alive(), "the long poll did not end when its queue got a message")
        self.assertEqual([{"Body": "job"}], json.loads(answers[0][0])["Messages"])
        self.assertEqual({0}, set(sqs.waits), "moto itself was asked to wait")

    def test_a_write_to_sns_or_s3_wakes_the_long_polls_of_every_queue(self) -> None:
        # moto delivers an SNS publish to the topic's SQS subscriptions, and an S3 write to the bucket's
        # notification queues, as it serves the request: no SQS send is served that could wake the poll.
        serialized = moto_serial.SerializedApplication(app)
        queue = "123456789012/jobs"

        def wakes(method: str, headers: dict[str, str], body: bytes = b"") -> bool:
            before = serialized._wakes(queue)
            serialized({"REQUEST_METHOD": method, "PATH_INFO": "/", "CONTENT_LENGTH": str(len(body)),
                        "wsgi.input": io.BytesIO(body), **headers}, lambda status, headers: None)
            return serialized._wakes(queue) != before

        scope = "AWS4-HMAC-SHA256 Credential=k/20261207/us-east-1/{}/aws4_request, x"
        self.assertTrue(wakes("POST", {"HTTP_AUTHORIZATION": scope.format("sns")}))
        self.assertTrue(wakes("PUT", {"HTTP_AUTHORIZATION": scope.format("s3")}))
        presigned = "X-Amz-Credential=k%2F20261207%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=x"
        self.assertTrue(wakes("PUT", {"QUERY_STRING": presigned}))
        self.assertFalse(wakes("GET", {"QUERY_STRING": presigned}))
        # A presigned POST form, as Parley's clients upload media: the credential is a form field.
        form = (b'--b\r\nContent-Disposition: form-data; name="x-amz-credential"\r\n\r\n'
                b"k/20261207/us-east-1/s3/aws4_request\r\n--b\r\nContent-Disposition: form-data; "
                b'name="file"\r\n\r\nbytes\r\n--b--\r\n')
        self.assertTrue(wakes("POST", {"CONTENT_TYPE": "multipart/form-data; boundary=b"}, form))
        self.assertFalse(wakes("POST", {"HTTP_AUTHORIZATION": scope.format("cognito-idp")}))
        self.assertFalse(wakes("POST", {"HTTP_AUTHORIZATION": scope.format("dynamodb")}))

    def test_a_long_poll_ends_when_sns_delivers_to_its_queue(self) -> None:
        sqs = FakeSqs()
        serialized = moto_serial.SerializedApplication(sqs)
        answers: list[list[bytes]] = []
        # Neither a recheck nor the end of the wait comes within the test's 30 s: only the wake can end it.
        recheck, moto_serial.LONG_POLL_RECHECK_SECONDS = moto_serial.LONG_POLL_RECHECK_SECONDS, 600
        try:
            poll = threading.Thread(target=lambda: answers.append(call(serialized, "AmazonSQS.ReceiveMessage", {
                "QueueUrl": "http://localhost:5055/123456789012/jobs", "WaitTimeSeconds": 600})), daemon=True)
            poll.start()
            self.assertTrue(sqs.received.wait(30), "the long poll never received")
            sqs.queues["jobs"].append({"MessageBody": "published"})  # what moto's SNS does while serving the publish
            in_thread(lambda: call(serialized, "", {}, {
                "HTTP_AUTHORIZATION": "AWS4-HMAC-SHA256 Credential=k/20261207/us-east-1/sns/aws4_request, x"}))
            poll.join(timeout=30)
        finally:
            moto_serial.LONG_POLL_RECHECK_SECONDS = recheck
        self.assertFalse(poll.is_alive(), "the long poll did not end when SNS delivered to its queue")
        self.assertEqual([{"Body": "published"}], json.loads(answers[0][0])["Messages"])

    def test_a_long_poll_that_finds_nothing_answers_empty_once_its_wait_has_passed(self) -> None:
        sqs = FakeSqs()
        serialized = moto_serial.SerializedApplication(sqs)
        started = time.monotonic()
        answer = call(serialized, "AmazonSQS.ReceiveMessage", {"QueueUrl": "http://h/1/jobs", "WaitTimeSeconds": 1})
        self.assertGreaterEqual(time.monotonic() - started, 1.0)
        self.assertEqual({}, json.loads(answer[0]))
        self.assertEqual("200 OK", sqs.status)

    def test_a_long_poll_passes_an_error_on_at_once(self) -> None:
        sqs = FakeSqs()
        serialized = moto_serial.SerializedApplication(sqs)
        statuses: list[str] = []
        answer = serialized(environ("AmazonSQS.ReceiveMessage", {"QueueUrl": "http://h/1/missing", "WaitTimeSeconds": 20}),
                            lambda status, headers: statuses.append(status))
        self.assertEqual(["400 Bad Request"], statuses)
        self.assertIn(b"QueueDoesNotExist", answer[0])
        self.assertEqual(1, len(sqs.waits))


class FakeSqs:
    """Queues by name, over SQS's JSON protocol; "missing" does not exist."""

    def __init__(self) -> None:
        self.queues: dict[str, list[dict[str, str]]] = {}
        self.waits: list[int] = []
        self.received = threading.Event()
        self.status = ""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        body = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)) or b"{}")
        queue = self.queues.setdefault(str(body.get("QueueUrl", "")).split("/")[-1], [])
        if body.get("QueueUrl", "").endswith("/missing"):
            self.waits.append(body.get("WaitTimeSeconds"))
            self.status = "400 Bad Request"
            answer = {"__type": "com.amazonaws.sqs#QueueDoesNotExist"}
        elif environ["HTTP_X_AMZ_TARGET"] == "AmazonSQS.ReceiveMessage":
            self.waits.append(body.get("WaitTimeSeconds"))
            self.received.set()
            self.status = "200 OK"
            answer = {"Messages": [{"Body": queue.pop(0)["MessageBody"]}]} if queue else {}
        else:
            queue.append(body)
            self.status = "200 OK"
            answer = {}
        data = json.dumps(answer).encode("utf-8")
        start_response(self.status, [("Content-Length", str(len(data)))])
        return [data]


def environ(target: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> dict[str, Any]:
    data = json.dumps(body).encode("utf-8")
    return {"REQUEST_METHOD": "POST", "PATH_INFO": "/", "HTTP_X_AMZ_TARGET": target, "CONTENT_LENGTH": str(len(data)),
            "wsgi.input": io.BytesIO(data), **(headers or {})}


def call(serialized: Any, target: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> list[bytes]:
    return serialized(environ(target, body, headers), lambda status, headers: None)


def in_thread(action: Any) -> Any:
    """Runs action on another thread and gives its answer; fails if it is still waiting after 30 s."""
    answers: list[Any] = []
    worker = threading.Thread(target=lambda: answers.append(action()))
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():
        raise AssertionError("waited for a lock it should not need")
    return answers[0]


if __name__ == "__main__":
    unittest.main()
