"""Query latency as a moto table grows: the measurement behind issue 18.

Starts a moto server from this interpreter's moto (bare ``moto_server``, or the project's
``moto_serial.py`` launcher with ``--launcher``), creates a table shaped like Parley's messages
table (conversationId S, seq N), puts one 120-item partition, then grows the table with other
partitions and, at each size, times ``Query`` (Limit 11, newest first, on the 120-item partition)
and ``PutItem``. Prints one line per size: items stored, Query p50, PutItem p50 (ms).

The growth items go over HTTP with BatchWriteItem (25 items a call), like any client's.

Usage: .venv/bin/python local-env/src/main/python/tools/query_growth.py [--launcher] [--sizes 0,2000,10000]
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time

import boto3

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(launcher: bool) -> tuple[subprocess.Popen, str]:
    port = free_port()
    if launcher:
        cmd = [sys.executable, os.path.join(HERE, "moto_serial.py"), "-H", "127.0.0.1", "-p", str(port)]
    else:
        cmd = [os.path.join(os.path.dirname(sys.executable), "moto_server"), "-H", "127.0.0.1", "-p", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return proc, url
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("moto did not start")


def p50(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--launcher", action="store_true", help="measure moto_serial.py (patched) instead of bare moto_server")
    parser.add_argument("--sizes", default="0,2000,10000,30000,60000")
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    proc, url = start(args.launcher)
    try:
        ddb = boto3.client("dynamodb", endpoint_url=url, region_name="us-east-1",
                           aws_access_key_id="x", aws_secret_access_key="x")
        ddb.create_table(TableName="m", BillingMode="PAY_PER_REQUEST",
                         KeySchema=[{"AttributeName": "conversationId", "KeyType": "HASH"},
                                    {"AttributeName": "seq", "KeyType": "RANGE"}],
                         AttributeDefinitions=[{"AttributeName": "conversationId", "AttributeType": "S"},
                                               {"AttributeName": "seq", "AttributeType": "N"}])

        def item(conv: str, seq: int) -> dict:
            return {"conversationId": {"S": conv}, "seq": {"N": str(seq)}, "senderId": {"S": "u"},
                    "text": {"S": "hello there " * 4}}

        for seq in range(1, 121):
            ddb.put_item(TableName="m", Item=item("hot", seq))
        stored = 120
        extra = [0]

        def query() -> None:
            ddb.query(TableName="m", KeyConditionExpression="conversationId = :c",
                      ExpressionAttributeValues={":c": {"S": "hot"}}, ScanIndexForward=False, Limit=11)

        def put() -> None:
            extra[0] += 1
            ddb.put_item(TableName="m", Item=item("put", extra[0]))

        print("items_stored,query_p50_ms,putitem_p50_ms")
        for size in (int(s) for s in args.sizes.split(",")):
            batch = []
            while stored < size:
                batch.append({"PutRequest": {"Item": item(f"c{stored // 100}", stored % 100 + 1)}})
                stored += 1
                if len(batch) == 25:
                    ddb.batch_write_item(RequestItems={"m": batch})
                    batch = []
            if batch:
                ddb.batch_write_item(RequestItems={"m": batch})
            print(f"{max(size, 120)},{p50(query, args.samples):.1f},{p50(put, args.samples):.1f}", flush=True)
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
