"""moto 5.2.5's DynamoDB with per-call latency that does not grow with the data stored.

What moto does, and why it matters to a local cloud that stores every message:

* ``Table.query`` on the base table calls ``all_items()``, which lists *and sorts* every item of
  the table, then keeps the query's partition. A Query therefore costs O(table log table):
  on a bare moto server a ``Limit 11`` Query on a 120-item partition took 5 ms on an empty table
  and 830 ms at 60,000 items (issue 18; ``tools/query_growth.py`` repeats the measurement).
* ``transact_write_items`` deep-copies every table the transaction names before it starts, to
  roll back on failure: O(table) per transaction.

What this module changes (``apply()``; ``revert()`` restores moto exactly):

1. Each partition of a table with a sort key is a :class:`SortedPartition`: a dict that keeps its
   sort keys in order as items are put and deleted (``bisect``). A base-table Query hands moto's
   own ``Table.query`` only the items of its partition that the key condition's sort-key range
   and the ExclusiveStartKey leave, at most Limit of them in the query's direction, already in
   order, plus the one item right after them (which is what makes moto set LastEvaluatedKey
   when a page is full, as it does unpatched). A ``Limit 11`` Query thus touches 12 items
   whatever the partition and the table hold. Everything else (Limit, the 1 MB page size, ScanIndexForward, the
   FilterExpression, projections, LastEvaluatedKey, ScannedCount) is moto's unchanged code,
   which now walks the part of the partition the query can return instead of the whole table.
   Queries on secondary indexes, legacy ``QueryFilter`` queries and sort-key conditions this
   module does not narrow (BEGINS_WITH on binary keys) get the whole partition or, for indexes,
   the whole table, as before.
2. The answers of the item operations (GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan,
   the batch and transaction calls) are written with ``json.dumps`` of what the handler built,
   which is already the wire format. moto 5.2.5 walks every value through its botocore-model
   serializer instead, which took 44% of moto's time in a profile of PutItem, Query (11 items)
   and UpdateItem (``moto_serial.py --profile``). Errors and every other operation still
   go through moto's serializer.
3. A transaction snapshots the items it names (a deep copy of each, or "absent") instead of the
   tables, and restores those items when moto cancels it. moto's own rollback then puts the
   same table objects back, a no-op.

Upstream form (getmoto/moto): ``Table.items`` partitions become sorted containers and the
base-table branch of ``Table.query`` bisects them instead of filtering ``all_items()``; the
transaction keeps an item-level undo log; the JSON serializer gets a shortcut for output shapes
that are plain AttributeValue JSON. The first two are local to ``moto/dynamodb/models``.

Secondary-index queries still walk the table (this project has no index); a maintained index
per GSI is the next step if one appears.
"""

from __future__ import annotations

import base64
import bisect
import copy
import threading
from collections import defaultdict
from typing import Any, Callable, Iterable

import json

from moto.core.responses import ActionResult
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.responses import DynamoHandler
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table


class SortedPartition(dict):  # type: ignore[type-arg]
    """One partition of a table with a sort key: {sort key: Item}, with the keys kept in order.

    Every mutator keeps ``keys_in_order`` equal to ``sorted(self)``; moto itself only uses
    ``[]=``, ``pop`` and reads.
    """

    def __init__(self, entries: Iterable[tuple[DynamoType, Item]] = ()) -> None:
        super().__init__()
        self.keys_in_order: list[DynamoType] = []
        for key, value in entries:
            self[key] = value

    def __setitem__(self, key: DynamoType, value: Item) -> None:
        if key not in self:
            # New sort keys usually come last (the next seq), where insort is an append.
            bisect.insort(self.keys_in_order, key)
        super().__setitem__(key, value)

    def __delitem__(self, key: DynamoType) -> None:
        super().__delitem__(key)
        self._forget(key)

    _MISSING = object()

    def pop(self, key: DynamoType, default: Any = _MISSING) -> Any:
        if key not in self:
            if default is SortedPartition._MISSING:
                raise KeyError(key)
            return default
        value = super().pop(key)
        self._forget(key)
        return value

    def popitem(self) -> tuple[DynamoType, Item]:
        key, value = super().popitem()
        self._forget(key)
        return key, value

    def setdefault(self, key: DynamoType, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def clear(self) -> None:
        super().clear()
        self.keys_in_order.clear()

    def __ior__(self, other: Any) -> SortedPartition:
        self.update(other)
        return self

    def _forget(self, key: DynamoType) -> None:
        at = bisect.bisect_left(self.keys_in_order, key)
        del self.keys_in_order[at]

    def __reduce__(self) -> Any:
        # Pickle and deepcopy (moto's backups and restores copy tables) rebuild through __init__.
        return (SortedPartition, (list(self.items()),))


# Sort-key conditions whose matches are one contiguous run of the sorted keys.
_BELOW = {"<", "LT"}
_AT_MOST = {"<=", "LE"}
_ABOVE = {">", "GT"}
_AT_LEAST = {">=", "GE"}
_EQUAL = {"=", "EQ"}


def key_window(keys: list[DynamoType], comparison: str | None, values: list[DynamoType],
               key_type: str | None) -> tuple[int, int] | None:
    """The slice of ``keys`` (sorted) that satisfies ``comparison`` exactly; None when unsure."""
    if not comparison:
        return 0, len(keys)
    if not values or any(v.type != key_type for v in values):
        return None
    first = values[0]
    if comparison in _EQUAL:
        return bisect.bisect_left(keys, first), bisect.bisect_right(keys, first)
    if comparison in _BELOW:
        return 0, bisect.bisect_left(keys, first)
    if comparison in _AT_MOST:
        return 0, bisect.bisect_right(keys, first)
    if comparison in _ABOVE:
        return bisect.bisect_right(keys, first), len(keys)
    if comparison in _AT_LEAST:
        return bisect.bisect_left(keys, first), len(keys)
    if comparison == "BETWEEN" and len(values) == 2:
        low = bisect.bisect_left(keys, first)
        return low, max(low, bisect.bisect_right(keys, values[1]))
    if comparison == "BEGINS_WITH" and key_type == "S":
        # Strings sharing a prefix sort together, right from the prefix itself.
        low = end = bisect.bisect_left(keys, first)
        while end < len(keys) and keys[end].value.startswith(first.value):
            end += 1
        return low, end
    return None


def partition_candidates(table: Table, hash_key: DynamoType, comparison: str | None,
                         values: list[DynamoType], exclusive_start_key: dict[str, Any] | None,
                         forward: bool, limit: int | None) -> list[Item]:
    """The items of ``hash_key``'s partition moto's query loop can reach, ascending by sort key.

    When the key condition's matches are known exactly, that is at most ``limit`` matches in the
    query's direction plus the item after them, if any: moto stops at the item after a full page
    and sets LastEvaluatedKey from the page's last item. Otherwise the whole partition.
    """
    partition = dict.get(table.items, hash_key)
    if partition is None:
        return []
    if not isinstance(partition, SortedPartition):
        return [partition] if isinstance(partition, Item) else []
    keys = partition.keys_in_order
    window = key_window(keys, comparison, values, table.range_key_type)
    if window is None:
        return list(partition[key] for key in keys)
    low, high = window
    start = _start_key_sort_value(table, hash_key, exclusive_start_key)
    if start is not None:
        if forward:
            low = max(low, bisect.bisect_right(keys, start))
        else:
            high = min(high, bisect.bisect_left(keys, start))
    high = max(low, high)
    if forward:
        if limit:
            high = min(high, low + limit)
        high = min(high + 1, len(keys))
    else:
        if limit:
            low = max(low, high - limit)
        low = max(low - 1, 0)
    return [partition[key] for key in keys[low:high]]


def _start_key_sort_value(table: Table, hash_key: DynamoType,
                          exclusive_start_key: dict[str, Any] | None) -> DynamoType | None:
    """The ExclusiveStartKey's sort key when it names this partition; else None (moto's loop decides)."""
    if not exclusive_start_key or table.range_key_attr not in exclusive_start_key:
        return None
    if DynamoType(exclusive_start_key.get(table.hash_key_attr, {})) != hash_key:
        return None
    start = DynamoType(exclusive_start_key[table.range_key_attr])
    return start if start.type == table.range_key_type else None


# The candidates of the base-table query running on this thread, read once by all_items().
_candidates = threading.local()

_original: dict[str, Callable[..., Any]] = {}


def _init(self: Table, *args: Any, **kwargs: Any) -> None:
    _original["init"](self, *args, **kwargs)
    if self.range_key_attr is not None:
        self.items = defaultdict(SortedPartition)


def _query(self: Table, hash_key: DynamoType | None, range_comparison: str | None,
           range_objs: list[DynamoType], limit: int, exclusive_start_key: dict[str, Any],
           scan_index_forward: bool, projection_expressions: Any, index_name: str | None = None,
           consistent_read: bool = False, filter_expression: Any = None, **kwargs: Any) -> Any:
    def moto_query() -> Any:
        return _original["query"](self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                                  scan_index_forward, projection_expressions, index_name, consistent_read,
                                  filter_expression, **kwargs)

    legacy_filter = any(k not in ("hash_key_conditions", "range_key_conditions") for k in kwargs)
    if index_name or hash_key is None or legacy_filter:
        return moto_query()
    _candidates.value = (self, partition_candidates(self, hash_key, range_comparison, range_objs,
                                                    exclusive_start_key, scan_index_forward is not False,
                                                    limit))
    try:
        return moto_query()
    finally:
        _candidates.value = None


def _all_items(self: Table) -> list[Item]:
    pending = getattr(_candidates, "value", None)
    if pending is not None and pending[0] is self:
        _candidates.value = None
        return pending[1]
    return _original["all_items"](self)


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


# Operations whose answers are items, keys, counts and capacity: JSON as the handler built it.
ITEM_OPERATIONS = frozenset({"GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
                             "BatchWriteItem", "TransactGetItems", "TransactWriteItems"})
_output_members: dict[str, frozenset[str]] = {}


def _blob(value: Any) -> str:
    """Binary attribute values, base64 as on the wire (moto keeps some as bytes)."""
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
# Tests set this: every fast answer is compared with moto's serializer's, and a difference raises.
verify_serialization = False


def _serialized(self: DynamoHandler, action_result: ActionResult) -> Any:
    result = action_result.result
    if not isinstance(result, dict) or self._get_action() not in ITEM_OPERATIONS:
        return _original["serialized"](self, action_result)
    members = _output_members.get(self._get_action())
    if members is None:
        from moto.core.responses import get_service_model
        shape = get_service_model("dynamodb").operation_model(self._get_action()).output_shape
        members = _output_members[self._get_action()] = frozenset(shape.members) if shape is not None else frozenset()
    # moto's serializer writes only the output shape's members (moto adds legacy ones, such as ConsumedCapacityUnits).
    body = json.dumps({k: v for k, v in result.items() if k in members and v is not None}, default=_blob)
    if verify_serialization:
        status, headers, moto_body = _original["serialized"](self, action_result)
        if json.loads(moto_body) != json.loads(body) or status != 200:
            raise AssertionError(f"{self._get_action()}: moto serializes {moto_body}, the fast path {body}")
    headers = {"Content-Type": "application/x-amz-json-1.0"}
    headers.update(self.response_headers)
    return 200, headers, body


def apply() -> None:
    """Patches moto's classes in this process; tables created from now on use sorted partitions."""
    if _original:
        return
    _original.update(init=Table.__init__, query=Table.query, all_items=Table.all_items,
                     transact=DynamoDBBackend.transact_write_items, serialized=DynamoHandler.serialized)
    Table.__init__ = _init  # type: ignore[method-assign]
    Table.query = _query  # type: ignore[method-assign]
    Table.all_items = _all_items  # type: ignore[method-assign]
    Table.__deepcopy__ = _table_deepcopy  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = _transact_write_items  # type: ignore[method-assign]
    DynamoHandler.serialized = _serialized  # type: ignore[method-assign]


def revert() -> None:
    """Puts moto's own methods back (for the tests that compare both)."""
    if not _original:
        return
    Table.__init__ = _original["init"]  # type: ignore[method-assign]
    Table.query = _original["query"]  # type: ignore[method-assign]
    Table.all_items = _original["all_items"]  # type: ignore[method-assign]
    del Table.__deepcopy__  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = _original["transact"]  # type: ignore[method-assign]
    DynamoHandler.serialized = _original["serialized"]  # type: ignore[method-assign]
    _original.clear()
