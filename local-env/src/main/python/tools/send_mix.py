"""How many requests a second the local cloud's moto serves with W8's request mix, without the JVM.

Starts ``moto_serial.py`` (the project's launcher, with its patches), creates tables shaped like
Parley's messages, memberships and connections tables, then has ``--clients`` threads each
repeat what one stored message of a 20-member group costs moto in W8: a consistent Query of the
conversation's tail (Limit 11, newest first, the 13 attributes the send path projects), a BatchGetItem of the members'
connections, a TransactWriteItems (the message at its seq if free and its sent record) and one
conditional UpdateItem per member row, sharing one condition, one update expression and one set
of values, as ``DynamoDbMemberActivity`` sends them. Each client writes its own seqs, so no
transaction is refused: this measures moto's cost per request, not the conditional-put loop.

Requests go over raw HTTP/1.1 with prebuilt JSON bodies (no SDK), so the client threads take
little of the CPU they share with moto. Prints requests served per second, moto's lock time per
request (``/_parley/stats``) and the CPU time moto's process used per request (all its threads;
the figure that moves least with the machine's load), and each operation's client-side p50.

With ``--keep-alive`` each client thread sends over one persistent connection, as the JVM's
SDK clients do when moto allows it.

With ``--in-process N`` there is no server, socket or thread: the launcher's ``main()`` builds its WSGI
application (patches included) in this process, and N messages (after 30 not counted) are handed to
it one request at a time. It prints the CPU time spent inside the application per message and per
operation: moto's own work on the mix, without HTTP, the GIL's contention or the machine's load.

Usage: .venv/bin/python local-env/src/main/python/tools/send_mix.py [--clients 20] [--seconds 20]
       [--members 20] [--profile FILE] [--launcher PATH] [--keep-alive] [--in-process N]
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import io
import json
import os
import sys
import threading
import time
from collections import defaultdict
from typing import Any, Callable

import launched

AUTH = ("AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0")
CONDITION = "attribute_exists(conversationId) AND (attribute_not_exists(lastSeq) OR lastSeq < :seq)"
MEMBER = "SET lastSeq = :seq, lastActivityAt = :at, updatedAt = :now"
HEADER_SEQ = 9_007_199_254_740_991
# The send path's tail read (DynamoDbMessageRepository.TAIL): the header and each message's identity.
TAIL_ATTRIBUTES = ("conversationId", "seq", "kind", "e2ee", "members", "senderId", "senderDeviceId", "clientMessageId",
                   "sentAt", "tier", "admins", "postPolicy", "membersEpoch")
TAIL_NAMES = {f"#a{i}": name for i, name in enumerate(TAIL_ATTRIBUTES)}
TAIL = ", ".join(TAIL_NAMES)


def call(port: int, operation: str, body: dict[str, Any],
         kept: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    """One request, on ``kept`` if given (http.client reopens it when the server closed it), else on
    a connection of its own."""
    connection = kept or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST", "/", json.dumps(body), {
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"DynamoDB_20120810.{operation}",
            "Authorization": AUTH, "X-Amz-Date": "20250101T000000Z"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        if kept is None:
            connection.close()


def create_tables(port: int, members: int) -> None:
    def table(name: str, hash_key: tuple[str, str], range_key: tuple[str, str] | None = None) -> None:
        keys = [{"AttributeName": hash_key[0], "KeyType": "HASH"}]
        attrs = [{"AttributeName": hash_key[0], "AttributeType": hash_key[1]}]
        if range_key:
            keys.append({"AttributeName": range_key[0], "KeyType": "RANGE"})
            attrs.append({"AttributeName": range_key[0], "AttributeType": range_key[1]})
        status, body = call(port, "CreateTable", {"TableName": name, "KeySchema": keys, "AttributeDefinitions": attrs,
                                                  "BillingMode": "PAY_PER_REQUEST"})
        assert status == 200, body

    table("messages", ("conversationId", "S"), ("seq", "N"))
    table("memberships", ("userId", "S"), ("conversationId", "S"))
    table("connections", ("connectionId", "S"))


def seed(port: int, conversations: int, members: int) -> None:
    for c in range(conversations):
        conversation = f"c{c}"
        call(port, "PutItem", {"TableName": "messages", "Item": {
            "conversationId": {"S": conversation}, "seq": {"N": str(HEADER_SEQ)}, "kind": {"S": "group"},
            "e2ee": {"BOOL": False}, "title": {"S": "a group"}, "createdBy": {"S": "u0"},
            "members": {"SS": [f"u{m}" for m in range(members)]}}})
        for m in range(members):
            call(port, "PutItem", {"TableName": "memberships", "Item": {
                "userId": {"S": f"u{m}"}, "conversationId": {"S": conversation}, "role": {"S": "member"}}})
    for m in range(members):
        call(port, "PutItem", {"TableName": "connections", "Item": {
            "connectionId": {"S": f"k{m}"}, "userId": {"S": f"u{m}"}}})


def one_message(port: int, conversation: str, seq: int, members: int, timings: dict[str, list[float]],
                kept: http.client.HTTPConnection | None) -> None:
    now = str(1_700_000_000_000 + seq)
    requests: list[tuple[str, dict[str, Any]]] = [
        ("Query", {"TableName": "messages", "ConsistentRead": True, "ScanIndexForward": False, "Limit": 11,
                   "KeyConditionExpression": "#a0 = :c", "ExpressionAttributeNames": TAIL_NAMES,
                   "ExpressionAttributeValues": {":c": {"S": conversation}}, "ProjectionExpression": TAIL}),
        ("BatchGetItem", {"RequestItems": {"connections": {
            "Keys": [{"connectionId": {"S": f"k{m}"}} for m in range(members)]}}}),
        ("TransactWriteItems", {"TransactItems": [
            {"Put": {"TableName": "messages", "ConditionExpression": "attribute_not_exists(#seq)",
                     "ExpressionAttributeNames": {"#seq": "seq"},
                     "Item": {"conversationId": {"S": conversation}, "seq": {"N": str(seq)},
                              "senderId": {"S": "u0"}, "senderDeviceId": {"S": "d0"},
                              "clientMessageId": {"S": f"m{seq}"}, "text": {"S": "hello " * 20},
                              "sentAt": {"N": now}}}},
            {"Put": {"TableName": "messages", "ConditionExpression": "attribute_not_exists(#seq) OR #expiresAt <= :now",
                     "ExpressionAttributeNames": {"#seq": "seq", "#expiresAt": "expiresAt"},
                     "ExpressionAttributeValues": {":now": {"N": now[:-3]}},
                     "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                     "Item": {"conversationId": {"S": f"sent#{conversation}#{seq}"}, "seq": {"N": "0"},
                              "messageSeq": {"N": str(seq)}, "expiresAt": {"N": now[:-3]}}}}]}),
    ]
    values = {":seq": {"N": str(seq)}, ":at": {"N": now}, ":now": {"N": now}}
    for m in range(members):
        requests.append(("UpdateItem", {"TableName": "memberships", "Key": {
            "userId": {"S": f"u{m}"}, "conversationId": {"S": conversation}},
            "UpdateExpression": MEMBER, "ConditionExpression": CONDITION, "ExpressionAttributeValues": values}))
    for operation, body in requests:
        started = time.perf_counter()
        status, answer = call(port, operation, body, kept)
        if status != 200:
            raise RuntimeError(f"{operation}: {status} {answer[:300]!r}")
        timings[operation].append(time.perf_counter() - started)


def stats(port: int) -> dict[str, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", "/_parley/stats")
        return json.loads(connection.getresponse().read())
    finally:
        connection.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (Linux /proc), for moto's CPU per request."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def application(launcher: str) -> Callable[..., Any]:
    """The WSGI application ``launcher``'s ``main()`` would serve, built in this process."""
    spec = importlib.util.spec_from_file_location("measured_launcher", launcher)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built: list[Callable[..., Any]] = []
    module.run_simple = lambda host, port, app, **options: built.append(app)
    module.main(["-H", "127.0.0.1", "-p", "0"])
    return built[0]


def in_process(launcher: str, messages: int, members: int) -> None:
    app = application(launcher)
    spent: dict[str, float] = defaultdict(float)

    def call_app(port: int, operation: str, body: dict[str, Any],
                 kept: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
        data = json.dumps(body).encode("utf-8")
        environ = {
            "REQUEST_METHOD": "POST", "PATH_INFO": "/", "SCRIPT_NAME": "", "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "5000", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "127.0.0.1:5000",
            "CONTENT_TYPE": "application/x-amz-json-1.0", "CONTENT_LENGTH": str(len(data)),
            "HTTP_X_AMZ_TARGET": f"DynamoDB_20120810.{operation}", "HTTP_AUTHORIZATION": AUTH,
            "HTTP_X_AMZ_DATE": "20250101T000000Z", "wsgi.input": io.BytesIO(data), "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": False, "wsgi.run_once": False}
        status: list[str] = []
        started = time.thread_time()
        answer = b"".join(app(environ, lambda line, headers, exc_info=None: status.append(line)))
        spent[operation] += time.thread_time() - started
        return int(status[0][:3]), answer

    global call
    call = call_app  # type: ignore[assignment]
    create_tables(0, members)
    seed(0, 4, members)
    timings: dict[str, list[float]] = defaultdict(list)
    warm_up = 30
    for seq in range(1, warm_up + messages + 1):
        if seq == warm_up + 1:
            spent.clear()
            timings.clear()
        one_message(0, f"c{seq % 4}", seq, members, timings, None)
    total = sum(spent.values())
    print(f"{messages} messages in-process: moto's CPU {total * 1000 / messages:.2f} ms a message "
          f"({sum(len(t) for t in timings.values())} requests)")
    for operation, seconds in sorted(spent.items()):
        count = len(timings[operation])
        print(f"  {operation:20} {count:6} calls, {seconds * 1e6 / count:7.0f} us CPU each")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--profile", metavar="FILE", help="moto_serial.py --profile FILE (cProfile, inside the lock)")
    parser.add_argument("--launcher", metavar="PATH", default=launched.LAUNCHER,
                        help="another moto_serial.py to measure, e.g. an older commit's (git worktree or git archive)")
    parser.add_argument("--keep-alive", action="store_true",
                        help="each client sends over one connection, as an SDK's pool does (reopened whenever moto "
                             "closes it); by default every request opens a connection of its own")
    parser.add_argument("--in-process", type=int, metavar="MESSAGES",
                        help="no server: hand MESSAGES messages to the launcher's WSGI application in this process, one "
                             "request at a time, and print the CPU time it spent on them")
    args = parser.parse_args()
    if args.in_process:
        in_process(args.launcher, args.in_process, args.members)
        return

    with launched.moto(args.launcher, ["--profile", args.profile] if args.profile else []) as (moto, port):
        create_tables(port, args.members)
        seed(port, args.clients, args.members)
        before = stats(port)
        cpu_before = cpu_seconds(moto.pid)
        deadline = time.monotonic() + args.seconds
        timings: dict[str, list[float]] = defaultdict(list)
        failures: list[BaseException] = []

        def client(index: int) -> None:
            seq = 1
            kept = http.client.HTTPConnection("127.0.0.1", port, timeout=60) if args.keep_alive else None
            try:
                while time.monotonic() < deadline:
                    one_message(port, f"c{index}", seq, args.members, timings, kept)
                    seq += 1
            except BaseException as failure:  # noqa: BLE001 - reported after the run
                failures.append(failure)
            finally:
                if kept is not None:
                    kept.close()

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        after = stats(port)
        cpu = cpu_seconds(moto.pid) - cpu_before
        if failures:
            raise failures[0]
        served = after["requests"] - before["requests"]
        busy = after["busyMillis"] - before["busyMillis"]
        messages = len(timings["TransactWriteItems"])
        print(f"{served} requests in {elapsed:.1f} s: {served / elapsed:.0f} requests/s, {messages / elapsed:.1f} "
              f"messages/s; lock held {busy / served:.2f} ms a request, {busy / elapsed / 10:.0f}% of the time; "
              f"moto's CPU {cpu * 1000 / served:.2f} ms a request; load average {os.getloadavg()[0]:.2f}")
        if "connections" in after:  # a launcher that counts them (parley_moto/keepalive.py)
            print(f"  {after['connections'] - before['connections']} connections opened by the clients")
        for operation, times in sorted(timings.items()):
            times.sort()
            print(f"  {operation:20} {len(times):6} calls, client-side p50 {times[len(times) // 2] * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
