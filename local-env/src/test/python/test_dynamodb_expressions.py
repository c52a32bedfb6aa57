"""parley_moto.dynamodb_expressions and parley_moto.dispatch leave moto's answers as they are.

The same calls run twice in moto's in-process mock, once with moto's own code and once patched,
and every answer (items, attributes returned, errors with their messages) and the tables
afterwards must be equal. Each expression is used many times with other values, other names and
other items, so the patched run answers most of them from its caches, including after an
update has rewritten a tree moto built from a cached one.
"""

import copy
import os
import sys
import unittest
from typing import Any

import boto3
from botocore.exceptions import ClientError
from moto import mock_aws

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "python", "lib"))
from parley_moto import dispatch  # noqa: E402
from parley_moto import dynamodb as patch  # noqa: E402
from parley_moto import dynamodb_expressions  # noqa: E402

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

# DynamoDbMemberActivity's send-path update, as the functions send it.
CONDITION = "attribute_exists(conversationId) AND (attribute_not_exists(lastSeq) OR lastSeq < :seq)"
MEMBER = "SET lastSeq = :seq, lastActivityAt = :at, updatedAt = :now"


def s(value: str) -> dict[str, str]:
    return {"S": value}


def n(value: int) -> dict[str, str]:
    return {"N": str(value)}


def calls() -> list[tuple[str, dict[str, Any]]]:
    rows = [{"userId": s(f"u{u}"), "conversationId": s("c1")} for u in range(4)]
    out: list[tuple[str, dict[str, Any]]] = []
    for row in rows:
        out.append(("put_item", {"TableName": "members", "Item": {**row, "role": s("member")}}))
    # The send path: each message's updates share one condition and values; an old seq fails.
    for seq in (3, 5, 4, 5, 9):
        for row in rows + [{"userId": s("gone"), "conversationId": s("c1")}]:
            out.append(("update_item", {
                "TableName": "members", "Key": row, "UpdateExpression": MEMBER, "ConditionExpression": CONDITION,
                "ExpressionAttributeValues": {":seq": n(seq), ":at": n(1000 + seq), ":now": n(2000 + seq)},
                "ReturnValues": "ALL_NEW"}))
    key = rows[0]
    # One expression text, different names: the tree must follow the names.
    for name in ("role", "note", "missing"):
        out.append(("update_item", {
            "TableName": "members", "Key": key, "UpdateExpression": "SET #a = :v",
            "ConditionExpression": "attribute_exists(#a)", "ExpressionAttributeNames": {"#a": name},
            "ExpressionAttributeValues": {":v": s(f"set-{name}")}, "ReturnValues": "UPDATED_OLD"}))
    # Lists and maps in values: the item must not share them with a cached condition.
    for _ in range(3):
        out.append(("update_item", {
            "TableName": "members", "Key": key,
            "UpdateExpression": "SET tags = list_append(if_not_exists(tags, :empty), :more), counts.#k = :one",
            "ConditionExpression": "attribute_not_exists(tags) OR size(tags) < :max",
            "ExpressionAttributeNames": {"#k": "x"},
            "ExpressionAttributeValues": {":empty": {"L": []}, ":more": {"L": [s("a"), n(1)]}, ":one": n(1),
                                          ":max": n(5)}, "ReturnValues": "ALL_NEW"}))
        out.append(("update_item", {
            "TableName": "members", "Key": rows[1], "UpdateExpression": "SET counts = if_not_exists(counts, :m)",
            "ExpressionAttributeValues": {":m": {"M": {"x": n(0)}}}, "ReturnValues": "ALL_NEW"}))
    for _ in range(2):
        out.append(("update_item", {
            "TableName": "members", "Key": key, "UpdateExpression": "SET lastSeq = lastSeq + :d REMOVE role ADD n :d",
            "ConditionExpression": "lastSeq BETWEEN :lo AND :hi", "ExpressionAttributeValues": {
                ":d": n(1), ":lo": n(0), ":hi": n(100)}, "ReturnValues": "UPDATED_NEW"}))
    # One validated update for several items (dynamodb_updates): no item may share a value with another or
    # with the kept tree, so a set grown in place or a list element set in place on one row stays on that row.
    for row in rows[:3]:
        out.append(("update_item", {
            "TableName": "members", "Key": row,
            "UpdateExpression": "SET flags = :flags, #l = :list, pair = list_append(:one, :two) REMOVE gone",
            "ExpressionAttributeNames": {"#l": "items"},
            "ExpressionAttributeValues": {":flags": {"SS": ["a", "b"]}, ":list": {"L": [s("x"), {"M": {"k": n(1)}}]},
                                          ":one": {"L": [n(1)]}, ":two": {"L": [n(2)]}}, "ReturnValues": "ALL_NEW"}))
    out.append(("update_item", {"TableName": "members", "Key": rows[0], "UpdateExpression": "ADD flags :c",
                                "ExpressionAttributeValues": {":c": {"SS": ["c"]}}, "ReturnValues": "ALL_NEW"}))
    out.append(("update_item", {"TableName": "members", "Key": rows[1],
                                "UpdateExpression": "SET #l[1].k = :v, #l[5] = :v, pair[0] = :v",
                                "ExpressionAttributeNames": {"#l": "items"}, "ExpressionAttributeValues": {":v": n(7)},
                                "ReturnValues": "ALL_NEW"}))
    # The table's schema is part of what validates: an index key set empty or to the wrong type fails only
    # once the index exists, and a kept tree from before must not answer.
    for phase in ("before", "after"):
        if phase == "after":
            out.append(("update_table", {
                "TableName": "members",
                "AttributeDefinitions": [{"AttributeName": "byKey", "AttributeType": "S"}],
                "GlobalSecondaryIndexUpdates": [{"Create": {
                    "IndexName": "byKey", "KeySchema": [{"AttributeName": "byKey", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "KEYS_ONLY"}}}]}))
        for value in (s(""), n(3), s("k")):
            out.append(("update_item", {"TableName": "members", "Key": rows[2], "UpdateExpression": "SET byKey = :v",
                                        "ExpressionAttributeValues": {":v": value}, "ReturnValues": "UPDATED_NEW"}))
    # Errors, twice each: never cached, the same answer every time.
    bad = [
        {"UpdateExpression": MEMBER, "ConditionExpression": CONDITION,
         "ExpressionAttributeValues": {":seq": n(1), ":at": n(1)}},  # :now missing
        {"UpdateExpression": "SET a = :v", "ExpressionAttributeValues": {":v": n(1), ":unused": n(2)}},
        {"UpdateExpression": "SET a = :v", "ConditionExpression": "a <", "ExpressionAttributeValues": {":v": n(1)}},
        {"UpdateExpression": "SET size = :v", "ExpressionAttributeValues": {":v": n(1)}},  # reserved word
        {"UpdateExpression": "SET a = :v, a = :v", "ExpressionAttributeValues": {":v": n(1)}},
        {"UpdateExpression": "SET userId = :v", "ExpressionAttributeValues": {":v": s("x")}},  # key attribute
        {"UpdateExpression": "SET lastSeq = lastSeq + :v", "ExpressionAttributeValues": {":v": s("x")}},
        {"UpdateExpression": "SET a = :v", "ConditionExpression": "#nope = :v", "ExpressionAttributeValues": {":v": n(1)}},
    ]
    for request in bad + bad:
        out.append(("update_item", {"TableName": "members", "Key": key, **copy.deepcopy(request)}))
    # Puts, deletes and a query filter share the condition parser.
    for v in (1, 2, 1):
        out.append(("put_item", {"TableName": "members", "Item": {**rows[2], "v": n(v)},
                                 "ConditionExpression": "attribute_not_exists(v) OR v < :v",
                                 "ExpressionAttributeValues": {":v": n(v)}, "ReturnValues": "ALL_OLD"}))
        out.append(("query", {"TableName": "members", "KeyConditionExpression": "userId = :u",
                              "FilterExpression": "lastSeq >= :s", "ProjectionExpression": "userId, lastSeq, #c",
                              "ExpressionAttributeNames": {"#c": "counts"},
                              "ExpressionAttributeValues": {":u": s("u0"), ":s": n(v * 5)}}))
    for _ in range(2):
        out.append(("delete_item", {"TableName": "members", "Key": rows[3], "ConditionExpression": "lastSeq = :s",
                                    "ExpressionAttributeValues": {":s": n(9)}, "ReturnValues": "ALL_OLD"}))
    out.append(("transact_write_items", {"TransactItems": [
        {"Update": {"TableName": "members", "Key": rows[1], "UpdateExpression": MEMBER, "ConditionExpression": CONDITION,
                    "ExpressionAttributeValues": {":seq": n(20), ":at": n(1), ":now": n(2)}}},
        {"Update": {"TableName": "members", "Key": rows[2], "UpdateExpression": MEMBER, "ConditionExpression": CONDITION,
                    "ExpressionAttributeValues": {":seq": n(20), ":at": n(1), ":now": n(2)}}}]}))
    return out


def create_members(ddb: Any) -> None:
    ddb.create_table(
        TableName="members", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "userId", "KeyType": "HASH"}, {"AttributeName": "conversationId", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "userId", "AttributeType": "S"},
                              {"AttributeName": "conversationId", "AttributeType": "S"}])


def run_everything() -> list[Any]:
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name="us-east-1")
        create_members(ddb)
        answers: list[Any] = []
        for operation, request in calls():
            try:
                response = getattr(ddb, operation)(**request)
                response.pop("ResponseMetadata", None)
                response.get("TableDescription", {}).pop("CreationDateTime", None)
                answers.append(response)
            except ClientError as e:
                answers.append(("error", e.response["Error"], e.response.get("Item")))
            except Exception as e:  # noqa: BLE001 - moto fails some bad expressions with a crash; so must the patch
                answers.append(("raised", type(e).__name__, str(e)))
        answers.append(sorted(ddb.scan(TableName="members")["Items"], key=repr))
        return answers


class PatchedExpressionsAnswerLikeMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        patch.revert()
        dispatch.revert()
        cls.unpatched = run_everything()
        patch.apply()
        dispatch.apply()
        try:
            cls.patched = run_everything()
        finally:
            patch.revert()
            dispatch.revert()

    def test_every_answer_and_the_table_are_the_same(self) -> None:
        self.assertEqual(len(self.unpatched), len(self.patched))
        for (operation, request), want, got in zip(calls() + [("scan", {})], self.unpatched, self.patched):
            with self.subTest(operation=operation, request=request):
                self.assertEqual(want, got)

    def test_the_calls_succeed_fail_and_refuse(self) -> None:
        # The comparison means little unless the run has updates that apply, conditions that fail and errors.
        codes = [a[1]["Code"] for a in self.unpatched if isinstance(a, tuple) and a[0] == "error"]
        self.assertGreater(codes.count("ConditionalCheckFailedException"), 5)
        self.assertGreater(codes.count("ValidationException"), 10)
        self.assertGreater(sum(1 for a in self.unpatched if isinstance(a, dict) and "Attributes" in a), 15)


class CopiedTreesAreDeepCopies(unittest.TestCase):
    def test_a_parsed_update_copies_like_deepcopy(self) -> None:
        from moto.dynamodb.parsing.expressions import UpdateExpressionParser
        for text in (MEMBER, "SET a.b[2] = list_append(:x, c) REMOVE d[1], e ADD f :y DELETE g :z",
                     "SET #n = if_not_exists(#n, :zero) + :one"):
            tree = UpdateExpressionParser.make(text)
            ours, theirs = dynamodb_expressions.copy_tree(tree, {}), copy.deepcopy(tree)
            self.assertEqual(shape(theirs), shape(ours))
            self.assertEqual(shape(tree), shape(ours))
            self.assertTrue(no_shared_nodes(tree, ours))


class ValidatedUpdatesAreKept(unittest.TestCase):
    def test_only_expressions_that_read_nothing_of_the_item_are_kept(self) -> None:
        from moto.dynamodb.parsing.expressions import UpdateExpressionParser
        from parley_moto import dynamodb_updates
        kept = [MEMBER, "SET #a = :v", "SET a = list_append(:x, :y), b = :p + :q REMOVE c, #d ADD e :f DELETE g :h"]
        not_kept = ["SET a = b", "SET a = :v + b", "SET a = if_not_exists(a, :v)", "SET a.b = :v", "SET a[1] = :v",
                    "REMOVE a.b", "SET a = list_append(a, :v)", "ADD a.b :v"]
        for text in kept + not_kept:
            with self.subTest(text=text):
                self.assertEqual(text in kept, dynamodb_updates.item_free(UpdateExpressionParser.make(text)))

    def test_the_send_paths_member_updates_validate_once_a_message(self) -> None:
        from moto.dynamodb.parsing.validators import Validator
        patch.apply()
        validations = []
        original = Validator.validate
        Validator.validate = lambda self: validations.append(1) or original(self)  # type: ignore[method-assign]
        try:
            with mock_aws():
                ddb = boto3.client("dynamodb", region_name="us-east-1")
                create_members(ddb)
                for seq in (1, 2):
                    for user in range(20):
                        ddb.update_item(TableName="members", Key={"userId": s(f"u{user}"), "conversationId": s("c")},
                                        UpdateExpression=MEMBER, ExpressionAttributeValues={
                                            ":seq": n(seq), ":at": n(seq), ":now": n(seq)})
                rows = ddb.scan(TableName="members")["Items"]
        finally:
            Validator.validate = original  # type: ignore[method-assign]
            patch.revert()
        self.assertEqual(2, len(validations))
        self.assertEqual(20, len(rows))
        self.assertTrue(all(row["lastSeq"] == n(2) for row in rows))


def shape(node: Any, seen: Any = None) -> Any:
    """A node's type, its attributes other than its parent, and its parent's type, recursively."""
    if isinstance(node, list):
        return [shape(child) for child in node]
    if not hasattr(node, "__dict__"):
        return node
    return (type(node).__name__, type(getattr(node, "parent", None)).__name__,
            {k: shape(v) for k, v in vars(node).items() if k != "parent"})


def nodes(tree: Any) -> list[Any]:
    if isinstance(tree, list):
        return [node for child in tree for node in nodes(child)]
    if not hasattr(tree, "__dict__"):
        return []
    return [tree] + [node for k, v in vars(tree).items() if k != "parent" for node in nodes(v)]


def no_shared_nodes(original: Any, copied: Any) -> bool:
    """No node is in both trees, and every parent in the copy is a node of the copy."""
    ours = {id(node) for node in nodes(copied)}
    return not ours & {id(node) for node in nodes(original)} and all(
        getattr(node, "parent", None) is None or id(node.parent) in ours for node in nodes(copied))


class ProjectionsAnswerLikeMoto(unittest.TestCase):
    def test_every_projection_projects_like_moto(self) -> None:
        from moto.dynamodb.models.dynamo_type import DynamoType, Item
        from parley_moto import dynamodb_projection
        attrs = {"pk": s("a"), "n": {"N": "1.50"}, "z": {"N": "007"}, "nul": {"NULL": True}, "b": {"B": b"\x00\x01"},
                 "m": {"M": {"x": n(1), "gone": {"NULL": True}, "deep": {"M": {"y": s("v")}}}},
                 "l": {"L": [s("first"), {"M": {"k": {"NULL": True}}}]}, "ss": {"SS": ["p", "q"]},
                 "ok": {"BOOL": False}, "yes": {"BOOL": True}, "text": s("hello"), "ns": {"NS": ["1", "2.50", "007"]},
                 "bs": {"BS": [b"\x00", b"\x01"]}, "empty": s("")}
        projections = [[[k]] for k in attrs] + [
            [["n"], ["m"]], [["nul"], ["m"]], [["m"], ["nul"]], [["nul"], ["l"], ["m"], ["z"]], [["m"], ["m"]],
            [["m", "x"]], [["m"], ["m", "deep"]], [["l[0]"]], [["missing"]], [["missing"], ["text"]], [["pk"], ["ss"]],
            [["ss"], ["ns"], ["bs"], ["yes"], ["empty"], ["b"]]]
        dynamodb_projection.revert()
        item = Item(DynamoType(s("a")), None, copy.deepcopy(attrs))
        expected = [item.project(copy.deepcopy(p)).to_json() for p in projections]
        dynamodb_projection.apply()
        try:
            actual = [item.project(copy.deepcopy(p)).to_json() for p in projections]
            again = [item.project(copy.deepcopy(p)).to_json() for p in projections]
        finally:
            dynamodb_projection.revert()
        for projection, want, got, second in zip(projections, expected, actual, again):
            with self.subTest(projection=projection):
                self.assertEqual(want, got)
                self.assertEqual(want, second)
        self.assertEqual(Item(DynamoType(s("a")), None, copy.deepcopy(attrs)).to_json(), item.to_json())
        self.assertEqual({"nul", "l", "m", "z"}, set(expected[len(attrs) + 3]["Attributes"]))


class DispatchAnswersLikeMoto(unittest.TestCase):
    def test_modules_and_method_names(self) -> None:
        import moto.backends
        import moto.core.responses
        from moto.dynamodb.responses import DynamoHandler
        dispatch.revert()
        modules = list(moto.backends.list_of_moto_modules())
        names = moto.core.responses.method_names_from_class(DynamoHandler)
        dispatch.apply()
        try:
            for _ in range(2):
                self.assertEqual(modules, list(moto.backends.list_of_moto_modules()))
                self.assertEqual(names, moto.core.responses.method_names_from_class(DynamoHandler))
            self.assertIn("dynamodb", modules)
            self.assertIn("update_item", names)
        finally:
            dispatch.revert()


if __name__ == "__main__":
    unittest.main()
