"""Base-table Queries that read their partition, not the whole table (see dynamodb.py, 1)."""

from __future__ import annotations

import bisect
import threading
from collections import defaultdict
from typing import Any, Callable, Iterable

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
    low, high = reachable(low, high, len(keys), forward, limit)
    return [partition[key] for key in keys[low:high]]


def reachable(low: int, high: int, size: int, forward: bool, limit: int | None) -> tuple[int, int]:
    """Of the matches [low, high) of a sorted run of ``size`` items, the ones a page reads: at most
    ``limit`` in the query's direction, plus the item after them, which makes moto's loop set
    LastEvaluatedKey when the page is full."""
    high = max(low, high)
    if forward:
        if limit:
            high = min(high, low + limit)
        return low, min(high + 1, size)
    if limit:
        low = max(low, high - limit)
    return max(low - 1, 0), high


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
    if hash_key is None or legacy_filter:
        return moto_query()
    forward = scan_index_forward is not False
    if index_name:
        from parley_moto import dynamodb_index  # it imports this module

        narrowed = dynamodb_index.candidates(self, index_name, range_comparison, range_objs, limit,
                                             exclusive_start_key, forward, kwargs.get("hash_key_conditions"),
                                             kwargs.get("range_key_conditions"))
        if narrowed is None:
            return moto_query()
    else:
        narrowed = partition_candidates(self, hash_key, range_comparison, range_objs, exclusive_start_key,
                                        forward, limit)
    _candidates.value = (self, narrowed)
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


def apply() -> None:
    if _original:
        return
    _original.update(init=Table.__init__, query=Table.query, all_items=Table.all_items)
    Table.__init__ = _init  # type: ignore[method-assign]
    Table.query = _query  # type: ignore[method-assign]
    Table.all_items = _all_items  # type: ignore[method-assign]


def revert() -> None:
    if not _original:
        return
    Table.__init__ = _original["init"]  # type: ignore[method-assign]
    Table.query = _original["query"]  # type: ignore[method-assign]
    Table.all_items = _original["all_items"]  # type: ignore[method-assign]
    _original.clear()
