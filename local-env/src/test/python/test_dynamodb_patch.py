"""parley_moto.dynamodb answers exactly what moto 5.2.5 answers unpatched.

Each test builds the same tables and items twice in moto's in-process mock (once with moto's
own code, once patched), runs the same requests against both, and compares every response
page: Items, Count, ScannedCount, LastEvaluatedKey, and the errors. Run by ./parley test:
    .venv/bin/python -m unittest discover -s local-env/src/test/python
"""

import os
import random
import sys
import unittest
from typing import Any, Callable

import boto3
from botocore.exceptions import ClientError
from moto import mock_aws

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "python", "lib"))
from parley_moto import dynamodb as patch  # noqa: E402
from parley_moto import dynamodb_json, dynamodb_query  # noqa: E402

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")


def s(value: str) -> dict[str, str]:
    return {"S": value}


def n(value: int) -> dict[str, str]:
    return {"N": str(value)}


def create_tables(ddb: Any) -> None:
    ddb.create_table(
        TableName="numbers", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "seq", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                              {"AttributeName": "seq", "AttributeType": "N"},
                              {"AttributeName": "sender", "AttributeType": "S"},
                              {"AttributeName": "sentAt", "AttributeType": "N"}],
        GlobalSecondaryIndexes=[{"IndexName": "bySender", "Projection": {"ProjectionType": "ALL"},
                                 "KeySchema": [{"AttributeName": "sender", "KeyType": "HASH"},
                                               {"AttributeName": "sentAt", "KeyType": "RANGE"}]}],
        LocalSecondaryIndexes=[{"IndexName": "bySentAt", "Projection": {"ProjectionType": "KEYS_ONLY"},
                                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                              {"AttributeName": "sentAt", "KeyType": "RANGE"}]}])
    ddb.create_table(
        TableName="strings", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                              {"AttributeName": "sk", "AttributeType": "S"}])
    ddb.create_table(
        TableName="hashonly", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])


def load(ddb: Any) -> None:
    rng = random.Random(18)
    for p in range(6):
        # Out of order, with gaps and negative and fractional seqs, so inserts land mid-partition.
        seqs = rng.sample(range(-20, 200), 60) + [0.5, 1.25]
        for seq in seqs:
            item = {"pk": s(f"p{p}"), "seq": {"N": str(seq)}, "sender": s(f"u{rng.randrange(4)}"),
                    "sentAt": n(rng.randrange(1000)), "body": s("x" * rng.randrange(1, 50)), "flag": n(int(seq) % 2)}
            ddb.put_item(TableName="numbers", Item=item)
        for _ in range(40):
            sk = rng.choice(["msg#", "hdr#", "m", "msg", "z#"]) + str(rng.randrange(100))
            ddb.put_item(TableName="strings", Item={"pk": s(f"p{p}"), "sk": s(sk), "v": n(rng.randrange(10))})
        ddb.put_item(TableName="hashonly", Item={"pk": s(f"p{p}"), "v": n(p)})
    # Deletes and overwrites after the fact, so the partitions' key order is maintained, not rebuilt.
    for p in range(6):
        for seq in rng.sample(range(-20, 200), 15):
            ddb.delete_item(TableName="numbers", Key={"pk": s(f"p{p}"), "seq": n(seq)})
        ddb.put_item(TableName="numbers", Item={"pk": s(f"p{p}"), "seq": n(7), "sender": s("u9"), "sentAt": n(1)})


def paged(call: Callable[..., dict[str, Any]], **request: Any) -> list[Any]:
    """Every page of a query, following LastEvaluatedKey, or the error."""
    pages: list[Any] = []
    while True:
        try:
            page = call(**request)
        except ClientError as e:
            pages.append(("error", e.response["Error"]["Code"], e.response["Error"]["Message"]))
            return pages
        pages.append({k: page.get(k) for k in ("Items", "Count", "ScannedCount", "LastEvaluatedKey")})
        if "LastEvaluatedKey" not in page or len(pages) > 200:
            return pages
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def number_queries() -> list[dict[str, Any]]:
    conditions = [
        ("pk = :p", {}),
        ("pk = :p AND seq = :a", {":a": n(7)}),
        ("pk = :p AND seq = :a", {":a": n(1000)}),
        ("pk = :p AND seq < :a", {":a": n(50)}),
        ("pk = :p AND seq <= :a", {":a": n(50)}),
        ("pk = :p AND seq > :a", {":a": n(150)}),
        ("pk = :p AND seq >= :a", {":a": n(150)}),
        ("pk = :p AND seq > :a", {":a": n(500)}),
        ("pk = :p AND seq < :a", {":a": n(-100)}),
        ("pk = :p AND seq BETWEEN :a AND :b", {":a": n(10), ":b": n(60)}),
        ("pk = :p AND seq BETWEEN :a AND :b", {":a": {"N": "0.5"}, ":b": {"N": "1.25"}}),
    ]
    queries = []
    for partition in ("p3", "missing"):
        for expression, values in conditions:
            for forward in (True, False):
                for limit in (None, 4, 11, 1000):
                    request: dict[str, Any] = {
                        "TableName": "numbers", "KeyConditionExpression": expression,
                        "ExpressionAttributeValues": {":p": s(partition), **values}, "ScanIndexForward": forward}
                    if limit:
                        request["Limit"] = limit
                    queries.append(request)
        queries.append({"TableName": "numbers", "KeyConditionExpression": "pk = :p AND seq > :a",
                        "FilterExpression": "flag = :t", "Limit": 5,
                        "ExpressionAttributeValues": {":p": s(partition), ":a": n(20), ":t": n(1)}})
        queries.append({"TableName": "numbers", "KeyConditionExpression": "pk = :p", "Limit": 4,
                        "ProjectionExpression": "seq, sender", "ScanIndexForward": False,
                        "ExpressionAttributeValues": {":p": s(partition)}})
        queries.append({"TableName": "numbers", "IndexName": "bySentAt", "Limit": 7,
                        "KeyConditionExpression": "pk = :p AND sentAt > :a",
                        "ExpressionAttributeValues": {":p": s(partition), ":a": n(300)}})
    for sender in ("u1", "u9"):
        for forward in (True, False):
            queries.append({"TableName": "numbers", "IndexName": "bySender", "Limit": 9, "ScanIndexForward": forward,
                            "KeyConditionExpression": "sender = :u AND sentAt BETWEEN :a AND :b",
                            "ExpressionAttributeValues": {":u": s(sender), ":a": n(100), ":b": n(800)}})
    return queries + index_queries()


def index_queries() -> list[dict[str, Any]]:
    """The GSI (whose sentAt values repeat) and the LSI with every key condition, both ways, paged."""
    conditions = [
        ("", {}),
        (" AND sentAt = :a", {":a": n(1)}),
        (" AND sentAt < :a", {":a": n(400)}),
        (" AND sentAt <= :a", {":a": n(400)}),
        (" AND sentAt > :a", {":a": n(600)}),
        (" AND sentAt >= :a", {":a": n(600)}),
        (" AND sentAt BETWEEN :a AND :b", {":a": n(250), ":b": n(260)}),
        (" AND sentAt > :a", {":a": n(5000)}),
    ]
    queries = []
    for index, hash_attr, values in (("bySender", "sender", ("u0", "u9", "nobody")), ("bySentAt", "pk", ("p2",))):
        for value in values:
            for expression, extra in conditions:
                for forward in (True, False):
                    for limit in (None, 1, 6):
                        request: dict[str, Any] = {
                            "TableName": "numbers", "IndexName": index, "ScanIndexForward": forward,
                            "KeyConditionExpression": f"{hash_attr} = :h{expression}",
                            "ExpressionAttributeValues": {":h": s(value), **extra}}
                        if limit:
                            request["Limit"] = limit
                        queries.append(request)
    return queries


def index_checks(ddb: Any) -> list[Any]:
    """What the GSI answers now: after each write, so an index partition built before it must not be reused."""
    return [paged(ddb.query, TableName="numbers", IndexName="bySender", Limit=25,
                  KeyConditionExpression="sender = :u", ExpressionAttributeValues={":u": s(sender)})
            for sender in ("u1", "u9", "t")]


def string_queries() -> list[dict[str, Any]]:
    queries = []
    for prefix in ("msg#", "msg", "m", "hdr#", "zz", ""):
        for forward in (True, False):
            for limit in (None, 2, 7):
                request: dict[str, Any] = {
                    "TableName": "strings", "KeyConditionExpression": "pk = :p AND begins_with(sk, :x)",
                    "ExpressionAttributeValues": {":p": s("p2"), ":x": s(prefix)} if prefix else {":p": s("p2"), ":x": s("m")},
                    "ScanIndexForward": forward}
                if limit:
                    request["Limit"] = limit
                queries.append(request)
    queries.append({"TableName": "strings", "KeyConditionExpression": "pk = :p AND sk BETWEEN :a AND :b",
                    "ExpressionAttributeValues": {":p": s("p1"), ":a": s("hdr#5"), ":b": s("msg#3")}, "Limit": 4})
    queries.append({"TableName": "strings", "KeyConditionExpression": "pk = :p AND sk > :a", "ScanIndexForward": False,
                    "ExpressionAttributeValues": {":p": s("p1"), ":a": s("msg")}, "Limit": 3})
    queries.append({"TableName": "hashonly", "KeyConditionExpression": "pk = :p",
                    "ExpressionAttributeValues": {":p": s("p4")}})
    queries.append({"TableName": "hashonly", "KeyConditionExpression": "pk = :p",
                    "ExpressionAttributeValues": {":p": s("nope")}})
    return queries


def transactions() -> list[list[dict[str, Any]]]:
    put = {"TableName": "numbers", "ConditionExpression": "attribute_not_exists(seq)"}
    return [
        [{"Put": {**put, "Item": {"pk": s("t"), "seq": n(1), "body": s("a"), "sender": s("t"), "sentAt": n(3)}}},
         {"Put": {"TableName": "hashonly", "Item": {"pk": s("t"), "v": n(1)}}}],
        # The second put's condition fails: the first put and the update are undone.
        [{"Put": {**put, "Item": {"pk": s("t"), "seq": n(2), "body": s("b"), "sender": s("t"), "sentAt": n(2)}}},
         {"Update": {"TableName": "hashonly", "Key": {"pk": s("t")}, "UpdateExpression": "SET v = :v",
                     "ExpressionAttributeValues": {":v": n(99)}}},
         {"Put": {**put, "Item": {"pk": s("t"), "seq": n(1), "body": s("again")}}}],
        [{"Delete": {"TableName": "numbers", "Key": {"pk": s("t"), "seq": n(1)}}},
         {"ConditionCheck": {"TableName": "hashonly", "Key": {"pk": s("t")}, "ConditionExpression": "v = :v",
                             "ExpressionAttributeValues": {":v": n(2)}}}],
        [{"Update": {"TableName": "hashonly", "Key": {"pk": s("t")}, "UpdateExpression": "SET v = v + :one",
                     "ExpressionAttributeValues": {":one": n(1)}}},
         {"Delete": {"TableName": "numbers", "Key": {"pk": s("t"), "seq": n(1)}}}],
        # Two operations on one item: moto refuses the whole transaction with a validation error.
        [{"Put": {"TableName": "hashonly", "Item": {"pk": s("u"), "v": n(1)}}},
         {"Put": {"TableName": "hashonly", "Item": {"pk": s("u"), "v": n(2)}}}],
    ]


def run_everything() -> dict[str, Any]:
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name="us-east-1")
        create_tables(ddb)
        load(ddb)
        answers: dict[str, Any] = {"queries": [paged(ddb.query, **q) for q in number_queries() + string_queries()]}
        outcomes = []
        for items in transactions():
            try:
                ddb.transact_write_items(TransactItems=items)
                outcomes.append("ok")
            except ClientError as e:
                outcomes.append((e.response["Error"]["Code"], e.response.get("CancellationReasons")))
            outcomes.append(sorted(ddb.scan(TableName="numbers")["Items"], key=repr))
            outcomes.append(sorted(ddb.scan(TableName="hashonly")["Items"], key=repr))
            outcomes.append(index_checks(ddb))
        answers["transactions"] = outcomes
        answers["items"] = []
        for op, request in item_calls():
            answers["items"].append(answer(ddb, op, request))
            answers["items"].append(index_checks(ddb))
        return answers


def item_calls() -> list[tuple[str, dict[str, Any]]]:
    """One of each item operation the fast serialization answers, with the options that shape the answer."""
    key = {"pk": s("p1"), "seq": n(7)}
    return [
        ("get_item", {"TableName": "numbers", "Key": key}),
        ("get_item", {"TableName": "numbers", "Key": key, "ProjectionExpression": "sender, seq",
                      "ReturnConsumedCapacity": "TOTAL"}),
        ("get_item", {"TableName": "numbers", "Key": {"pk": s("p1"), "seq": n(99999)}}),
        ("put_item", {"TableName": "numbers", "Item": {**key, "sender": s("u1"), "sentAt": n(5), "tags": {"SS": ["a", "b"]},
                                                         "nested": {"M": {"l": {"L": [n(1), {"BOOL": True}, {"NULL": True}]}}}},
                      "ReturnValues": "ALL_OLD", "ReturnConsumedCapacity": "INDEXES"}),
        ("put_item", {"TableName": "numbers", "Item": key, "ConditionExpression": "attribute_not_exists(seq)",
                      "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}),
        ("update_item", {"TableName": "numbers", "Key": key, "UpdateExpression": "SET sentAt = sentAt + :one",
                         "ExpressionAttributeValues": {":one": n(1)}, "ReturnValues": "UPDATED_NEW"}),
        ("update_item", {"TableName": "numbers", "Key": {"pk": s("p2"), "seq": n(7)}, "UpdateExpression": "SET sender = :u",
                         "ExpressionAttributeValues": {":u": s("u1")}, "ReturnValues": "UPDATED_NEW"}),
        ("update_item", {"TableName": "numbers", "Key": {"pk": s("p1"), "seq": n(500)}, "UpdateExpression": "SET v = :v",
                         "ExpressionAttributeValues": {":v": {"B": b"bytes"}}, "ReturnValues": "ALL_NEW"}),
        ("delete_item", {"TableName": "numbers", "Key": {"pk": s("p1"), "seq": n(500)}, "ReturnValues": "ALL_OLD"}),
        ("scan", {"TableName": "strings", "Limit": 5, "ReturnConsumedCapacity": "TOTAL"}),
        ("batch_get_item", {"RequestItems": {"numbers": {"Keys": [key, {"pk": s("p2"), "seq": n(99999)}]},
                                             "hashonly": {"Keys": [{"pk": s("p1")}], "ProjectionExpression": "v"}}}),
        ("batch_write_item", {"RequestItems": {"hashonly": [{"PutRequest": {"Item": {"pk": s("b1"), "v": n(1)}}},
                                                            {"DeleteRequest": {"Key": {"pk": s("p0")}}}]}}),
        ("transact_get_items", {"TransactItems": [{"Get": {"TableName": "numbers", "Key": key}},
                                                  {"Get": {"TableName": "hashonly", "Key": {"pk": s("b1")}}}]}),
        ("query", {"TableName": "numbers", "KeyConditionExpression": "pk = :p", "Select": "COUNT",
                   "ExpressionAttributeValues": {":p": s("p1")}, "ReturnConsumedCapacity": "TOTAL"}),
    ]


def answer(ddb: Any, operation: str, request: dict[str, Any]) -> Any:
    try:
        response = getattr(ddb, operation)(**request)
        response.pop("ResponseMetadata", None)
        return response
    except ClientError as e:
        return ("error", e.response["Error"], e.response.get("Item"))


class PatchedDynamoDbAnswersLikeMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        patch.revert()
        cls.unpatched = run_everything()
        patch.apply()
        dynamodb_json.verify_serialization = True
        try:
            cls.patched = run_everything()
        finally:
            dynamodb_json.verify_serialization = False
            patch.revert()

    def test_every_query_page_is_the_same(self) -> None:
        expected, actual = self.unpatched["queries"], self.patched["queries"]
        self.assertEqual(len(expected), len(actual))
        requests = number_queries() + string_queries()
        for request, want, got in zip(requests, expected, actual):
            with self.subTest(request=request):
                self.assertEqual(want, got)

    def test_the_queries_return_something_and_page(self) -> None:
        # The comparison means little if every answer were empty or one page.
        pages = self.unpatched["queries"]
        self.assertGreater(sum(1 for p in pages if len(p) > 3), 20)
        self.assertGreater(sum(1 for p in pages if p[0] != () and isinstance(p[0], dict) and p[0]["Count"] > 0), 100)

    def test_every_item_operation_answers_the_same(self) -> None:
        for (operation, request), want, got in zip(item_calls(), self.unpatched["items"], self.patched["items"]):
            with self.subTest(operation=operation, request=request):
                self.assertEqual(want, got)

    def test_the_index_queries_page_and_see_every_write(self) -> None:
        pages = self.unpatched["queries"][-len(index_queries()):]
        self.assertGreater(sum(1 for p in pages if len(p) > 5), 10)
        checks = [c for c in self.unpatched["items"][1::2]]
        self.assertNotEqual(checks[0], checks[-1], "no item call changed the index")

    def test_transactions_commit_and_roll_back_the_same(self) -> None:
        self.assertEqual(self.unpatched["transactions"], self.patched["transactions"])
        codes = [o for o in self.unpatched["transactions"] if isinstance(o, tuple)]
        self.assertEqual(3, len(codes), "two cancelled transactions and one refused")


class IndexQueriesReadTheirPartition(unittest.TestCase):
    def test_an_index_keeps_its_partitions_through_writes_and_drops_them_after_a_cancelled_transaction(self) -> None:
        from moto.dynamodb.models import dynamodb_backends
        patch.apply()
        try:
            with mock_aws():
                ddb = boto3.client("dynamodb", region_name="us-east-1")
                create_tables(ddb)
                load(ddb)
                table = dynamodb_backends["123456789012"]["us-east-1"].tables["numbers"]
                query = {"TableName": "numbers", "IndexName": "bySender", "Limit": 3,
                         "KeyConditionExpression": "sender = :u", "ExpressionAttributeValues": {":u": s("u2")}}
                first = ddb.query(**query)["Items"]
                built = table._parley_indexes["bySender"]
                self.assertEqual(3, len(first))
                key = {"pk": first[0]["pk"], "seq": first[0]["seq"]}
                ddb.update_item(TableName="numbers", Key=key, UpdateExpression="SET sender = :u",
                                ExpressionAttributeValues={":u": s("moved")})
                self.assertEqual(first[1:], ddb.query(**query)["Items"][:2])
                moved = ddb.query(**{**query, "ExpressionAttributeValues": {":u": s("moved")}})["Items"]
                self.assertEqual([first[0]["seq"]], [item["seq"] for item in moved])
                self.assertIs(built, table._parley_indexes["bySender"], "built again, not kept up to date")
                with self.assertRaises(ClientError):
                    ddb.transact_write_items(TransactItems=[
                        {"Update": {"TableName": "numbers", "Key": key, "UpdateExpression": "SET sender = :u",
                                    "ExpressionAttributeValues": {":u": s("u2")}}},
                        {"ConditionCheck": {"TableName": "hashonly", "Key": {"pk": s("p1")},
                                            "ConditionExpression": "attribute_not_exists(pk)"}}])
                self.assertNotIn("bySender", table._parley_indexes)
                self.assertEqual(moved, ddb.query(**{**query, "ExpressionAttributeValues": {":u": s("moved")}})["Items"])
        finally:
            patch.revert()


class SortedPartitionKeepsItsKeysInOrder(unittest.TestCase):
    def test_every_mutator(self) -> None:
        from moto.dynamodb.models.dynamo_type import DynamoType
        import copy
        part = dynamodb_query.SortedPartition()
        keys = [DynamoType(n(v)) for v in (5, 1, 9, 3, 7)]
        for key in keys:
            part[key] = str(key.value)
        part[keys[0]] = "again"
        part.pop(keys[1])
        del part[keys[2]]
        part.setdefault(DynamoType(n(4)), "four")
        part.update({DynamoType(n(0)): "zero"})
        self.assertEqual(sorted(part), part.keys_in_order)
        clone = copy.deepcopy(part)
        self.assertEqual(sorted(clone), clone.keys_in_order)
        self.assertEqual(dict(part), dict(clone))
        part.clear()
        self.assertEqual([], part.keys_in_order)


if __name__ == "__main__":
    unittest.main()
