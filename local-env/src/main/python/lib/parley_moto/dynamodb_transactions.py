"""Transactions that snapshot the items they name, not their tables (see dynamodb.py, 3)."""

from __future__ import annotations

import copy
import threading
from typing import Any, Callable

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table

_original: dict[str, Callable[..., Any]] = {}

# Inside a transaction, moto's table snapshots are the tables themselves; items are restored here.
_shallow_tables = threading.local()


def _table_deepcopy(self: Table, memo: dict[int, Any]) -> Table:
    if getattr(_shallow_tables, "on", False):
        return self
    cls = self.__class__
    clone = cls.__new__(cls)
    memo[id(self)] = clone
    for name, value in self.__dict__.items():
        setattr(clone, name, copy.deepcopy(value, memo))
    return clone


def _transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
    snapshot = _snapshot(self, transact_items)
    _shallow_tables.on = True
    try:
        _original["transact"](self, transact_items)
    except BaseException:
        _restore(snapshot)
        raise
    finally:
        _shallow_tables.on = False


def _snapshot(backend: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> list[tuple[Table, Any, Any, Any]]:
    """(table, hash key, sort key or None, deep copy of the item or None) for each item named."""
    taken = []
    for entry in transact_items:
        try:
            _, op = next(iter(entry.items()))
            table = backend.tables[op["TableName"]]
            key = op["Item"] if "Item" in op else op["Key"]
            hash_value = DynamoType(key[table.hash_key_attr])
            range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
        except (KeyError, TypeError, AttributeError, StopIteration):
            continue  # moto refuses this entry itself, before it changes anything
        taken.append((table, hash_value, range_value, copy.deepcopy(table.get_item(hash_value, range_value))))
    return taken


def _restore(snapshot: list[tuple[Table, Any, Any, Any]]) -> None:
    for table, hash_value, range_value, item in reversed(snapshot):
        if range_value is None:
            if item is None:
                table.items.pop(hash_value, None)
            else:
                table.items[hash_value] = item
        elif item is None:
            table.items[hash_value].pop(range_value, None)
        else:
            table.items[hash_value][range_value] = item


def apply() -> None:
    if _original:
        return
    _original["transact"] = DynamoDBBackend.transact_write_items
    Table.__deepcopy__ = _table_deepcopy  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = _transact_write_items  # type: ignore[method-assign]


def revert() -> None:
    if not _original:
        return
    del Table.__deepcopy__  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = _original["transact"]  # type: ignore[method-assign]
    _original.clear()
