"""How long moto takes to validate the send path's member-row update expressions, in-process.

Times ``UpdateExpressionValidator(...).validate()`` and ``normalize()``, what moto's ``UpdateItem``
runs before it executes an update, for the member rows' expressions (``DynamoDbMemberActivity``:
three SETs for a member, four for a member a post reached), with one set of values, as the rows of
one message share them: moto's own code, and the project's patches (``lib/parley_moto/dynamodb.py``)
or those of another checkout (``--lib``). Prints microseconds per validation.

Usage: .venv/bin/python local-env/src/main/python/tools/update_validation.py [--lib PATH] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

MEMBER = "SET lastSeq = :seq, lastActivityAt = :at, updatedAt = :now"
REACHED = MEMBER + ", deliveredSeq = :seq"
VALUES = {":seq": {"N": "5"}, ":at": {"N": "1765148100000"}, ":now": {"N": "1765148100001"}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", default=os.path.join(os.path.dirname(__file__), "..", "lib"),
                        help="the lib directory holding parley_moto (default: this checkout's)")
    parser.add_argument("--runs", type=int, default=3000)
    args = parser.parse_args()
    lib = os.path.abspath(args.lib)
    sys.path.insert(0, lib)
    from parley_moto import dynamodb as patch
    from moto.dynamodb.models.dynamo_type import DynamoType, Item
    from moto.dynamodb.models.table import Table
    from moto.dynamodb.parsing.expressions import UpdateExpressionParser
    from moto.dynamodb.parsing.validators import UpdateExpressionValidator

    table = Table("memberships", account_id="123456789012", region="us-east-1",
                  schema=[{"AttributeName": "userId", "KeyType": "HASH"},
                          {"AttributeName": "conversationId", "KeyType": "RANGE"}],
                  attr=[{"AttributeName": "userId", "AttributeType": "S"},
                        {"AttributeName": "conversationId", "AttributeType": "S"}])
    item = Item(DynamoType({"S": "u1"}), DynamoType({"S": "c1"}), {"userId": {"S": "u1"}, "conversationId": {"S": "c1"}})

    def timed(text: str, runs: int) -> float:
        tree = UpdateExpressionParser.make(text)
        for _ in range(50):
            UpdateExpressionValidator(tree, None, VALUES, item, table).validate().normalize()
        start = time.perf_counter()
        for _ in range(runs):
            UpdateExpressionValidator(tree, None, VALUES, item, table).validate().normalize()
        return (time.perf_counter() - start) / runs * 1e6

    for label, apply in (("moto's own code", patch.revert), (f"patched ({lib})", patch.apply)):
        apply()
        for name, text in (("member, 3 SETs", MEMBER), ("reached, 4 SETs", REACHED)):
            print(f"{label} {name:16} {timed(text, args.runs):7.0f} us a validation")


if __name__ == "__main__":
    main()
