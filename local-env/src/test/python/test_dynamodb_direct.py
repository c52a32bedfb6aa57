"""parley_moto.dynamodb_direct answers DynamoDB's calls as moto's server does through its Flask app.

Every DynamoDB operation Parley uses, with its errors, runs twice on the same in-process moto state:
once through moto's server app (``DomainDispatcherApplication``) on tables named ``flask-*``, once
through moto_serial.py's ``SerializedApplication`` around ``dynamodb_direct.Route``, as the launcher
serves them, on tables named ``direct-*``; half the calls carry a browser's ``Origin``. The
answers must match: status, body (with the table names and moto's random table ids and creation
times set aside) and headers (besides the request id, and the CRC32 and length, which must match
each answer's own body). Inside ``mock_aws``, so the tables are gone afterwards.

Run by ./parley test:
    .venv/bin/python -m unittest discover -s local-env/src/test/python
"""

import json
import os
import sys
import unittest
import zlib
from typing import Any

from moto import mock_aws
from werkzeug.test import Client

sys.path.insert(0, os.path.dirname(__file__))
import launcher  # noqa: E402

moto_serial = launcher.moto_serial()
sys.path.insert(0, os.path.join(launcher.MAIN, "lib"))
from parley_moto import dispatch  # noqa: E402
from parley_moto import dynamodb as dynamodb_patch  # noqa: E402
from parley_moto import dynamodb_direct  # noqa: E402

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402

AUTH = "AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"
VOLATILE = {"CreationDateTime", "TableId", "LastUpdateToPayPerRequestDateTime", "LastDecreaseDateTime",
            "LastIncreaseDateTime"}


def s(value: str) -> dict[str, str]:
    return {"S": value}


def n(value: int) -> dict[str, str]:
    return {"N": str(value)}


def calls(t: str) -> list[tuple[str, Any]]:
    """Parley's DynamoDB calls against tables named t + "-…" (an operation name and its JSON body)."""
    members, messages = f"{t}-members", f"{t}-messages"
    row = {"userId": s("u1"), "conversationId": s("c1")}
    out: list[tuple[str, Any]] = [
        ("CreateTable", {"TableName": members, "BillingMode": "PAY_PER_REQUEST",
                         "KeySchema": [{"AttributeName": "userId", "KeyType": "HASH"},
                                       {"AttributeName": "conversationId", "KeyType": "RANGE"}],
                         "AttributeDefinitions": [{"AttributeName": "userId", "AttributeType": "S"},
                                                  {"AttributeName": "conversationId", "AttributeType": "S"}],
                         "GlobalSecondaryIndexes": [{"IndexName": "byConversation", "Projection": {"ProjectionType": "ALL"},
                                                     "KeySchema": [{"AttributeName": "conversationId", "KeyType": "HASH"},
                                                                   {"AttributeName": "userId", "KeyType": "RANGE"}]}]}),
        ("CreateTable", {"TableName": messages, "BillingMode": "PAY_PER_REQUEST",
                         "KeySchema": [{"AttributeName": "conversationId", "KeyType": "HASH"},
                                       {"AttributeName": "seq", "KeyType": "RANGE"}],
                         "AttributeDefinitions": [{"AttributeName": "conversationId", "AttributeType": "S"},
                                                  {"AttributeName": "seq", "AttributeType": "N"}]}),
        ("CreateTable", {"TableName": members}),  # no key schema: moto raises KeyError, the server answers 500
        ("DescribeTable", {"TableName": members}),
        ("UpdateTimeToLive", {"TableName": messages, "TimeToLiveSpecification": {"Enabled": True, "AttributeName": "expiresAt"}}),
        ("DescribeTimeToLive", {"TableName": messages}),
        ("PutItem", {"TableName": members, "Item": {**row, "lastSeq": n(0), "role": s("owner")}}),
        ("PutItem", {"TableName": members, "Item": {"userId": s("u2"), "conversationId": s("c1"), "lastSeq": n(0)}}),
        ("PutItem", {"TableName": members, "Item": {**row}, "ConditionExpression": "attribute_not_exists(userId)"}),
        ("GetItem", {"TableName": members, "Key": row, "ConsistentRead": True}),
        ("GetItem", {"TableName": members, "Key": {"userId": s("nobody"), "conversationId": s("c1")}}),
        ("UpdateItem", {"TableName": members, "Key": row, "UpdateExpression": "SET lastSeq = :seq",
                        "ConditionExpression": "lastSeq < :seq", "ExpressionAttributeValues": {":seq": n(3)},
                        "ReturnValues": "ALL_NEW"}),
        ("UpdateItem", {"TableName": members, "Key": row, "UpdateExpression": "SET lastSeq = :seq",
                        "ConditionExpression": "lastSeq < :seq", "ExpressionAttributeValues": {":seq": n(2)},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}),
        ("UpdateItem", {"TableName": members, "Key": row, "UpdateExpression": "SET #r = :r REMOVE nothing",
                        "ExpressionAttributeNames": {"#r": "role"}, "ExpressionAttributeValues": {":r": s("admin")},
                        "ReturnValues": "UPDATED_OLD"}),
        ("UpdateItem", {"TableName": members, "Key": row, "UpdateExpression": "SET lastSeq = :unbound"}),
        ("TransactWriteItems", {"TransactItems": [
            {"Put": {"TableName": messages, "Item": {"conversationId": s("c1"), "seq": n(1), "text": s("hi")},
                     "ConditionExpression": "attribute_not_exists(seq)"}},
            {"Put": {"TableName": messages, "Item": {"conversationId": s("sent#c1#u1#d1#m1"), "seq": n(0), "of": n(1)},
                     "ConditionExpression": "attribute_not_exists(seq)"}}]}),
        ("TransactWriteItems", {"TransactItems": [
            {"Put": {"TableName": messages, "Item": {"conversationId": s("c1"), "seq": n(2), "text": s("again")},
                     "ConditionExpression": "attribute_not_exists(seq)"}},
            {"Put": {"TableName": messages, "Item": {"conversationId": s("sent#c1#u1#d1#m1"), "seq": n(0), "of": n(2)},
                     "ConditionExpression": "attribute_not_exists(seq)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}]}),
        ("BatchWriteItem", {"RequestItems": {messages: [
            {"PutRequest": {"Item": {"conversationId": s("c1"), "seq": n(seq), "text": s(f"m{seq}")}}} for seq in range(3, 9)]}}),
        ("Query", {"TableName": messages, "KeyConditionExpression": "conversationId = :c",
                   "ExpressionAttributeValues": {":c": s("c1")}, "ScanIndexForward": False, "Limit": 3}),
        ("Query", {"TableName": messages, "KeyConditionExpression": "conversationId = :c AND seq > :after",
                   "ExpressionAttributeValues": {":c": s("c1"), ":after": n(2)}, "Limit": 2,
                   "ExclusiveStartKey": {"conversationId": s("c1"), "seq": n(4)}}),
        ("Query", {"TableName": members, "IndexName": "byConversation", "KeyConditionExpression": "conversationId = :c",
                   "ExpressionAttributeValues": {":c": s("c1")}, "ProjectionExpression": "userId"}),
        ("Query", {"TableName": members, "IndexName": "missing", "KeyConditionExpression": "conversationId = :c",
                   "ExpressionAttributeValues": {":c": s("c1")}}),
        ("BatchGetItem", {"RequestItems": {
            members: {"Keys": [row, {"userId": s("u2"), "conversationId": s("c1")}]},
            messages: {"Keys": [{"conversationId": s("c1"), "seq": n(1)}], "ConsistentRead": True}}}),
        ("DeleteItem", {"TableName": members, "Key": {"userId": s("u2"), "conversationId": s("c1")}, "ReturnValues": "ALL_OLD"}),
        ("DeleteItem", {"TableName": members, "Key": row, "ConditionExpression": "attribute_not_exists(userId)"}),
        ("GetItem", {"TableName": f"{t}-missing", "Key": row}),
        ("NoSuchOperation", {"TableName": members}),
        ("GetItem", "{not json"),
    ]
    return out


def normalized(value: Any, t: str) -> Any:
    if isinstance(value, dict):
        return {k.replace(t, "T"): normalized(v, t) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [normalized(v, t) for v in value]
    if isinstance(value, str):
        return value.replace(t, "T")
    return value


@mock_aws
class DynamoDbDirectTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        dynamodb_patch.apply()
        dispatch.apply()

    @classmethod
    def tearDownClass(cls) -> None:
        dispatch.revert()
        dynamodb_patch.revert()

    def test_every_call_is_answered_as_moto_s_server_answers_it(self) -> None:
        moto_app = DomainDispatcherApplication(create_backend_app)
        flask = Client(moto_app)
        direct = Client(moto_serial.SerializedApplication(dynamodb_direct.Route(moto_app)))
        answers = {}
        for name, client in (("flask", flask), ("direct", direct)):
            # Half the calls from a browser's page: flask-cors answers an Origin the same way.
            answers[name] = [self.call(client, operation, body, origin=i % 2 == 1)
                             for i, (operation, body) in enumerate(calls(name))]
        self.assertEqual(len(answers["flask"]), len(answers["direct"]))
        for (operation, _), expected, actual in zip(calls("flask"), answers["flask"], answers["direct"]):
            with self.subTest(operation=operation):
                self.assertEqual(expected[0], actual[0], actual)
                self.assertEqual(normalized(expected[1], "flask"), normalized(actual[1], "direct"))
                volatile = {"x-amzn-requestid", "x-amz-crc32", "content-length"}
                self.assertEqual({k: v for k, v in expected[2].items() if k not in volatile},
                                 {k: v for k, v in actual[2].items() if k not in volatile})
                self.assertTrue(actual[2].get("x-amzn-requestid"), actual[2])
                if "x-amz-crc32" in expected[2]:
                    self.assertEqual(str(zlib.crc32(actual[3])), actual[2].get("x-amz-crc32"))
                    self.assertEqual(str(len(actual[3])), actual[2].get("content-length"))
        self.assertIn(400, [answer[0] for answer in answers["direct"]])
        self.assertIn(500, [answer[0] for answer in answers["direct"]])

    def test_only_dynamodb_api_calls_go_direct(self) -> None:
        def environ(method: str, target: str) -> dict[str, Any]:
            return {"REQUEST_METHOD": method, "HTTP_X_AMZ_TARGET": target}

        self.assertTrue(dynamodb_direct.handles(environ("POST", "DynamoDB_20120810.Query")))
        self.assertFalse(dynamodb_direct.handles(environ("POST", "DynamoDBStreams_20120810.GetRecords")))
        self.assertFalse(dynamodb_direct.handles(environ("GET", "DynamoDB_20120810.Query")))
        self.assertFalse(dynamodb_direct.handles(environ("POST", "AmazonSQS.ReceiveMessage")))
        self.assertFalse(dynamodb_direct.handles({**environ("POST", "DynamoDB_20120810.Query"), "HTTP_ORIGIN": "http://a"}))

    def test_the_url_moto_is_given_is_werkzeugs_whichever_request_came_first(self) -> None:
        from werkzeug.test import EnvironBuilder
        from moto.moto_server.werkzeug_app import BackendRequest
        hosts = ["localhost:5000", "127.0.0.1:5000", "LocalHost:80", "example.com:443", "[::1]:5000", "xn--bcher-kva.example",
                 "b%C3%BCcher.example:8080", "localhost"]
        environs = [EnvironBuilder(path=path, base_url=f"{scheme}://{host}{root}", query_string=query,
                                   method="POST").get_environ()
                    for host in hosts for scheme in ("http", "https") for root in ("", "/app")
                    for path, query in (("/", ""), ("/a%2Fb", "x=1"))]
        for environ in environs + environs:  # the second pass reuses every root the first one kept
            with self.subTest(host=environ["HTTP_HOST"], scheme=environ["wsgi.url_scheme"], path=environ["PATH_INFO"]):
                self.assertEqual(BackendRequest(dict(environ)).raw_url, dynamodb_direct.request_for(dict(environ)).raw_url)
        self.assertGreater(len(dynamodb_direct._roots), len(hosts))

    def test_a_request_s_form_files_data_and_values_are_werkzeugs(self) -> None:
        from werkzeug.test import EnvironBuilder
        from moto.moto_server.werkzeug_app import BackendRequest
        body = b'{"TableName": "t", "Key": {"pk": {"S": "a=1&b=2"}}}'
        for content_type in ("application/x-amz-json-1.0", "application/x-amz-json-1.1", "application/json",
                             "application/x-www-form-urlencoded", "application/x-amz-json-1.0; charset=utf-8", None):
            for data in (body, b"a=1&b=2", b""):
                with self.subTest(content_type=content_type, data=data):
                    def environ() -> dict[str, Any]:
                        built = EnvironBuilder(path="/", method="POST", data=data, query_string="q=1",
                                               headers={"X-Amz-Target": "DynamoDB_20120810.GetItem"}).get_environ()
                        if content_type is None:
                            built.pop("CONTENT_TYPE", None)
                        else:
                            built["CONTENT_TYPE"] = content_type
                        return built
                    theirs, ours = BackendRequest(environ()), dynamodb_direct.request_for(environ())
                    self.assertEqual(theirs.data, ours.data)
                    self.assertEqual((type(theirs.form), theirs.form), (type(ours.form), ours.form))
                    self.assertEqual((type(theirs.files), theirs.files), (type(ours.files), ours.files))
                    self.assertEqual(list(theirs.values.items(multi=True)), list(ours.values.items(multi=True)))
                    self.assertEqual(theirs.get_data(), ours.get_data())
                    self.assertEqual(theirs.stream.read(), ours.stream.read())

    @staticmethod
    def call(client: Client, operation: str, body: Any, origin: bool) -> tuple[int, Any, dict[str, str], bytes]:
        data = body if isinstance(body, str) else json.dumps(body)
        try:
            response = client.post("/", data=data, headers={
                "X-Amz-Target": f"DynamoDB_20120810.{operation}", "Content-Type": "application/x-amz-json-1.0",
                "Authorization": AUTH, "Host": "localhost:5000", **({"Origin": "http://localhost:3000"} if origin else {})})
        except Exception as e:  # moto's own bug; the server's request handler answers it with a 500
            return 500, type(e).__name__, {"x-amzn-requestid": "none: an exception"}, b""
        raw = response.get_data()
        try:
            parsed: Any = json.loads(raw)
        except ValueError:
            parsed = raw.decode("utf-8", "replace")
        return response.status_code, parsed, {k.lower(): v for k, v in response.headers.items()}, raw


if __name__ == "__main__":
    unittest.main()
