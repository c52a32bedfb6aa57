"""parley_moto.dynamodb_copies and parley_moto.request_ids leave moto's answers as they are.

The same calls run in moto's in-process mock with moto's own code and patched; every answer, the
stream's records and the tables afterwards must be equal. The calls are the ones a dropped copy
would change: updates that grow a set, append to a list or set a map's key in place and return
the values from before; a table with a stream, whose old images come from the backend's copy;
Queries that project sets, lists and maps, on the table and on an index, next to updates of the
same items; and items at moto's size limit and one byte over it.
"""

import inspect
import os
import re
import string
import sys
import unittest
from typing import Any

import boto3
from botocore.exceptions import ClientError
from moto import mock_aws

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "python", "lib"))
from parley_moto import dynamodb as patch  # noqa: E402
from parley_moto import dynamodb_copies  # noqa: E402
from parley_moto import request_ids  # noqa: E402

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

KEY = {"pk": {"S": "a"}, "sk": {"N": "1"}}
OTHER = {"pk": {"S": "a"}, "sk": {"N": "2"}}
# What moto counts for the item {"pk": {"S": "a"}, "sk": {"N": "9"}, "big": {"S": <n characters>}}:
# each attribute's name and value (pk 2 + 1, sk 2 + 1, big 3 + n).
BIG_OVERHEAD = 9


def big(characters: int) -> dict[str, Any]:
    return {"pk": {"S": "a"}, "sk": {"N": "9"}, "big": {"S": "x" * characters}}


def calls() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for table in ("plain", "streamed"):
        out.append(("put_item", {"TableName": table, "Item": {
            **KEY, "tags": {"SS": ["x", "y"]}, "lst": {"L": [{"S": "l0"}, {"N": "1"}]},
            "mp": {"M": {"k": {"S": "v"}, "dp": {"M": {"n": {"N": "1"}}}}}, "n": {"N": "5"}, "g": {"S": "g1"}}}))
        out.append(("put_item", {"TableName": table, "Item": {**OTHER, "g": {"S": "g1"}, "n": {"N": "1"}}}))
        for returned in ("UPDATED_OLD", "ALL_OLD", "UPDATED_NEW", "ALL_NEW", "NONE"):
            # In place: a set grown, a list appended to, a map's key and a nested map's key set; a list element.
            out.append(("update_item", {
                "TableName": table, "Key": KEY, "ReturnValues": returned,
                "UpdateExpression": "ADD tags :more, n :one SET lst = list_append(lst, :tail), mp.k = :value, mp.dp.n = :one",
                "ExpressionAttributeValues": {":more": {"SS": [f"z-{returned}"]}, ":one": {"N": "1"},
                                              ":tail": {"L": [{"S": returned}]}, ":value": {"S": returned}}}))
            out.append(("update_item", {
                "TableName": table, "Key": KEY, "ReturnValues": returned, "UpdateExpression": "SET lst[0] = :first",
                "ExpressionAttributeValues": {":first": {"S": f"first-{returned}"}}}))
            out.append(("update_item", {
                "TableName": table, "Key": KEY, "ReturnValues": returned, "UpdateExpression": "DELETE tags :gone",
                "ExpressionAttributeValues": {":gone": {"SS": [f"z-{returned}"]}}}))
            # Projections of the same sets, lists and maps, whole and in part, between the updates.
            out.append(("query", {
                "TableName": table, "KeyConditionExpression": "pk = :a", "ExpressionAttributeValues": {":a": {"S": "a"}},
                "ProjectionExpression": "tags, lst, mp, n"}))
            out.append(("query", {
                "TableName": table, "KeyConditionExpression": "pk = :a", "ExpressionAttributeValues": {":a": {"S": "a"}},
                "ProjectionExpression": "lst[0], mp.dp, tags", "ScanIndexForward": False, "Limit": 1}))
            out.append(("query", {
                "TableName": table, "KeyConditionExpression": "pk = :a", "ExpressionAttributeValues": {":a": {"S": "a"}}}))
            out.append(("query", {
                "TableName": table, "IndexName": "byG", "KeyConditionExpression": "g = :g",
                "ExpressionAttributeValues": {":g": {"S": "g1"}}, "ProjectionExpression": "tags, mp, sk"}))
        # An update that creates its item, one refused by its condition (with the old item), one removing.
        out.append(("update_item", {
            "TableName": table, "Key": {"pk": {"S": "new"}, "sk": {"N": "1"}}, "UpdateExpression": "SET v = :v",
            "ExpressionAttributeValues": {":v": {"SS": ["a"]}}, "ReturnValues": "ALL_OLD"}))
        out.append(("update_item", {
            "TableName": table, "Key": KEY, "UpdateExpression": "SET n = :v", "ConditionExpression": "n < :v",
            "ExpressionAttributeValues": {":v": {"N": "0"}}, "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}))
        out.append(("update_item", {
            "TableName": table, "Key": KEY, "UpdateExpression": "REMOVE tags, mp.dp", "ReturnValues": "UPDATED_OLD"}))
        # In a transaction too (moto's backend update_item, called by the transaction).
        out.append(("transact_write_items", {"TransactItems": [{"Update": {
            "TableName": table, "Key": OTHER, "UpdateExpression": "SET n = n + :one",
            "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}))
        # Pages cut at 1 MB by the items' sizes, which the Query loop asks for twice per item.
        for i in range(5):
            out.append(("put_item", {"TableName": table, "Item": {
                "pk": {"S": "heavy"}, "sk": {"N": str(i)}, "blob": {"S": str(i) * 300_000}, "tags": {"SS": [str(i)]}}}))
        for request in ({}, {"ProjectionExpression": "sk, tags"}, {"ScanIndexForward": False},
                        {"ExclusiveStartKey": {"pk": {"S": "heavy"}, "sk": {"N": "2"}}}):
            out.append(("query", {
                "TableName": table, "KeyConditionExpression": "pk = :h", "ExpressionAttributeValues": {":h": {"S": "heavy"}},
                **request}))
        # At moto's limit for an item, and one byte over it.
        for characters in (dynamodb_copies.ITEM_SIZE_LIMIT - BIG_OVERHEAD, dynamodb_copies.ITEM_SIZE_LIMIT - BIG_OVERHEAD + 1):
            out.append(("put_item", {"TableName": table, "Item": big(characters)}))
            out.append(("query", {
                "TableName": table, "KeyConditionExpression": "pk = :a AND sk = :nine",
                "ExpressionAttributeValues": {":a": {"S": "a"}, ":nine": {"N": "9"}}, "ProjectionExpression": "sk"}))
            out.append(("delete_item", {"TableName": table, "Key": {"pk": {"S": "a"}, "sk": {"N": "9"}}}))
    return out


def create_tables(ddb: Any) -> None:
    for table in ("plain", "streamed"):
        extra = {"StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}} \
            if table == "streamed" else {}
        ddb.create_table(
            TableName=table, BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                                  {"AttributeName": "g", "AttributeType": "S"}],
            GlobalSecondaryIndexes=[{"IndexName": "byG", "Projection": {"ProjectionType": "ALL"},
                                     "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"},
                                                   {"AttributeName": "sk", "KeyType": "RANGE"}]}], **extra)


def stream_records() -> list[Any]:
    """The streamed table's records as moto keeps them (the mock does not serve dynamodbstreams' reads)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends
    shard = dynamodb_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].tables["streamed"].stream_shard
    records = []
    for record in shard.items:
        data = record.to_json()["dynamodb"]
        records.append((record.to_json()["eventName"], data.get("Keys"), data.get("OldImage"), data.get("NewImage")))
    return records


def run_everything() -> list[Any]:
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name="us-east-1")
        create_tables(ddb)
        answers: list[Any] = []
        for operation, request in calls():
            try:
                response = getattr(ddb, operation)(**request)
                response.pop("ResponseMetadata", None)
                answers.append(response)
            except ClientError as e:
                answers.append(("error", e.response["Error"], e.response.get("Item")))
        answers.append(stream_records())
        for table in ("plain", "streamed"):
            answers.append(sorted(ddb.scan(TableName=table)["Items"], key=repr))
        return answers


class CopiesAnswerLikeMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        patch.revert()
        request_ids.revert()
        cls.unpatched = run_everything()
        patch.apply()
        request_ids.apply()
        try:
            cls.patched = run_everything()
        finally:
            patch.revert()
            request_ids.revert()

    def test_every_answer_the_stream_and_the_tables_are_the_same(self) -> None:
        self.assertEqual(len(self.unpatched), len(self.patched))
        labels = calls() + [("stream", {}), ("scan", {}), ("scan", {})]
        for (operation, request), want, got in zip(labels, self.unpatched, self.patched):
            with self.subTest(operation=operation, request=request):
                self.assertEqual(want, got)

    def test_the_run_has_what_a_dropped_copy_would_change(self) -> None:
        # Values from before an in-place update, old images in the stream, and both sides of the size limit.
        olds = [a["Attributes"] for a in self.unpatched if isinstance(a, dict) and "Attributes" in a]
        self.assertIn({"SS": ["x", "y"]}, [old.get("tags") for old in olds])
        self.assertIn({"L": [{"S": "l0"}, {"N": "1"}]}, [old.get("lst") for old in olds])
        records = self.unpatched[len(calls())]
        modified = [r for r in records if r[0] == "MODIFY"]
        self.assertGreater(len(modified), 10)
        self.assertTrue(all(old != new for _, _, old, new in modified if old and new and "tags" in old))
        errors = [a[1]["Message"] for a in self.unpatched if isinstance(a, tuple) and a[0] == "error"]
        self.assertEqual(2, sum("Item size has exceeded" in m for m in errors), errors)
        self.assertEqual(2, sum("conditional request failed" in m for m in errors), errors)
        cut = [a for a in self.unpatched if isinstance(a, dict) and "LastEvaluatedKey" in a and a.get("Count", 0) < 5]
        self.assertGreaterEqual(len(cut), 4, "pages cut at 1 MB")


class TheCopiesReplacedAreTheOnlyOnes(unittest.TestCase):
    """The stand-ins answer the first ``copy.deepcopy`` of an Item or a list after a wrapper asks: the
    modules they stand in for must call ``copy`` only where expected. A moto with more calls fails here."""

    EXPECTED = {
        "moto.dynamodb.models": ["orig_item = copy.deepcopy(item)", "original_table_state[table_name] = copy.deepcopy("],
        "moto.dynamodb.responses": ["existing_item = copy.deepcopy(self.dynamodb_backend.get_item(name, key))"],
        "moto.dynamodb.models.table": [
            "fieldnames = copy.copy(self.table_key_attrs)", "results = copy.deepcopy(results)",
            "results.append(index.project(copy.deepcopy(item)))", "results.append(copy.deepcopy(item))",
            "self.table = copy.deepcopy(table)", "self.indexes = copy.deepcopy(backup.table.indexes)",
            "self.global_indexes = copy.deepcopy(backup.table.global_indexes)",
            "self.items = copy.deepcopy(backup.table.items)", '"schema": copy.deepcopy(backup.table.schema),',
            '"attr": copy.deepcopy(backup.table.attr),', '"throughput": copy.deepcopy(backup.table.throughput),',
            "self.indexes = copy.deepcopy(source.indexes)", "self.global_indexes = copy.deepcopy(source.global_indexes)",
            "self.items = copy.deepcopy(source.items)", '"schema": copy.deepcopy(table.schema),',
            '"attr": copy.deepcopy(table.attr),', '"throughput": copy.deepcopy(table.throughput),'],
    }

    def test_moto_calls_copy_where_expected(self) -> None:
        for module in dynamodb_copies.PATCHED_MODULES:
            with self.subTest(module=module.__name__):
                source = inspect.getsource(module)
                uses = [line.strip() for line in source.splitlines()
                        if re.search(r"\bcopy\.\w", line) and not line.strip().startswith("#")]
                self.assertEqual(self.EXPECTED[module.__name__], uses)

    def test_revert_puts_the_copy_module_back(self) -> None:
        import copy
        patch.apply()
        self.assertTrue(all(module.copy is not copy for module in dynamodb_copies.PATCHED_MODULES))
        patch.revert()
        self.assertTrue(all(module.copy is copy for module in dynamodb_copies.PATCHED_MODULES))

    def test_outside_a_wrapped_call_the_stand_in_deep_copies(self) -> None:
        from moto.dynamodb.models import table as table_module
        from moto.dynamodb.models.dynamo_type import DynamoType, Item
        patch.apply()
        try:
            item = Item(DynamoType({"S": "a"}), None, {"pk": {"S": "a"}, "tags": {"SS": ["x"]}})
            copied = table_module.copy.deepcopy([item])
            self.assertIsNot(item, copied[0])
            self.assertIsNot(item.attrs["tags"].value, copied[0].attrs["tags"].value)
            self.assertEqual(item.to_json(), copied[0].to_json())
        finally:
            patch.revert()


class RequestIds(unittest.TestCase):
    def setUp(self) -> None:
        request_ids.apply()
        self.addCleanup(request_ids.revert)

    def test_an_id_is_moto_s_length_and_characters(self) -> None:
        from moto.moto_api._internal import mock_random
        drawn = [request_ids.request_id() for _ in range(400)]
        self.assertTrue(all(len(i) == 52 for i in drawn))
        pool = string.ascii_letters + string.digits
        self.assertEqual(set(pool), set("".join(drawn)))
        mock_random.seed(7)
        first = [request_ids.request_id() for _ in range(3)]
        mock_random.seed(7)
        self.assertEqual(first, [request_ids.request_id() for _ in range(3)])

    def test_answers_are_enriched_as_moto_enriches_them(self) -> None:
        from moto.core.responses import BaseResponse
        moto_enrich = request_ids._original["enrich"].__func__
        xml = "<R><RequestId>old</RequestId><x>1</x></R>"
        for headers, body in (({"status": 200}, xml), ({}, '{"Items": []}'), ({}, b"<RequestId>b</RequestId>"),
                              ({"status": "400"}, None), ({}, "<a><RequestId></RequestId></a>")):
            with self.subTest(body=body):
                want_headers, want_body = moto_enrich(dict(headers), body)
                got_headers, got_body = BaseResponse._enrich_response(dict(headers), body)
                moto_id, our_id = want_headers.pop("x-amzn-requestid"), got_headers.pop("x-amzn-requestid")
                self.assertEqual((52, 52), (len(moto_id), len(our_id)))
                self.assertEqual(want_headers, got_headers)
                self.assertEqual(want_body.replace(moto_id, "ID") if isinstance(want_body, str) else want_body,
                                 got_body.replace(our_id, "ID") if isinstance(got_body, str) else got_body)

    def test_a_call_answers_with_an_id(self) -> None:
        with mock_aws():
            answer = boto3.client("dynamodb", region_name="us-east-1").list_tables()
        self.assertRegex(answer["ResponseMetadata"]["RequestId"], r"^[A-Za-z0-9]{52}$")


if __name__ == "__main__":
    unittest.main()
