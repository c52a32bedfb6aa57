"""A large group's member pages in moto, unpatched and patched: the measurement behind
``parley_moto/dynamodb_index.py``.

In moto's in-process mock (no server, so the figure is moto's own work plus boto3's), builds a
table shaped like Parley's memberships table (userId S, conversationId S, the ``byConversation``
GSI on conversationId and userId) with one 10,000-member conversation among 12,000 rows, then walks
that conversation's members 500 at a time (Limit 501 and ``userId > :after``, as
``DynamoDbConversationRepository.members`` does), 20 pages. Each walk runs with moto's own code and
patched, and each without and with one UpdateItem of a member's row before every page (a send in a
large group writes the sender's row). Prints one line per walk: the p50 and the slowest page, in ms.

Usage: .venv/bin/python local-env/src/main/python/tools/index_pages.py
"""

import os
import statistics
import sys
import time
from typing import Any

import boto3
from moto import mock_aws

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from parley_moto import dynamodb as patch  # noqa: E402

MEMBERS = 10_000
ROWS = 12_000
PAGE = 500


def walk(patched: bool, write_between: bool) -> list[float]:
    (patch.apply if patched else patch.revert)()
    try:
        with mock_aws():
            ddb = boto3.client("dynamodb", region_name="us-east-1")
            create(ddb)
            times: list[float] = []
            after: str | None = None
            while True:
                if write_between:
                    ddb.update_item(TableName="memberships", Key={"userId": s("user00001"), "conversationId": s("big")},
                                    UpdateExpression="SET readSeq = readSeq + :one", ExpressionAttributeValues={":one": {"N": "1"}})
                condition, values = "conversationId = :c", {":c": s("big")}
                if after:
                    condition, values = condition + " AND userId > :after", {**values, ":after": s(after)}
                started = time.perf_counter()
                items = ddb.query(TableName="memberships", IndexName="byConversation", KeyConditionExpression=condition,
                                  ExpressionAttributeValues=values, Limit=PAGE + 1)["Items"]
                times.append((time.perf_counter() - started) * 1000)
                if len(items) <= PAGE:
                    return times
                after = items[PAGE - 1]["userId"]["S"]
    finally:
        patch.revert()


def create(ddb: Any) -> None:
    ddb.create_table(
        TableName="memberships", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "userId", "KeyType": "HASH"}, {"AttributeName": "conversationId", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "userId", "AttributeType": "S"},
                              {"AttributeName": "conversationId", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "byConversation", "Projection": {"ProjectionType": "KEYS_ONLY"},
                                 "KeySchema": [{"AttributeName": "conversationId", "KeyType": "HASH"},
                                               {"AttributeName": "userId", "KeyType": "RANGE"}]}])
    for start in range(0, ROWS, 25):
        ddb.batch_write_item(RequestItems={"memberships": [
            {"PutRequest": {"Item": {"userId": s(f"user{n:05d}"), "conversationId": s("big" if n < MEMBERS else f"c{n}"),
                                     "readSeq": {"N": "1"}}}} for n in range(start, start + 25)]})


def s(value: str) -> dict[str, str]:
    return {"S": value}


def main() -> None:
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "x")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "x")
    for patched in (False, True):
        for write_between in (False, True):
            times = walk(patched, write_between)
            print(f"{'patched' if patched else 'moto   '} {'a write before each page' if write_between else 'no writes               '}"
                  f"  {len(times)} pages of {PAGE}: p50 {statistics.median(times):.1f} ms, slowest {max(times):.1f} ms")


if __name__ == "__main__":
    main()
