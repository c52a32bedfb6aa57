"""Secondary-index Queries that read their index partition, not the whole table (see dynamodb.py, 6).

moto 5.2.5 answers a Query on an index by listing and sorting every item of the table, keeping the
ones whose index hash key matches, sorting those by the index's keys, then walking them to the
ExclusiveStartKey and the key condition. Parley's large groups page their members through the
memberships table's ``byConversation`` index, 500 at a time: each page of a 10,000-member group
sorted the whole table again, under moto's lock.

Here each table keeps, per index, its items grouped by index hash key and sorted as moto sorts
them (index range key, then the table's keys), built on the index's first Query and then kept up to
date by every put, delete and update of the table's items (a bisect per index); a cancelled
transaction, which puts items back directly, or an UpdateTable drops them, to be built again. A Query then
hands moto's own ``Table.query`` only the items the key condition and the ExclusiveStartKey leave, at
most Limit of them in the query's direction, plus the one right after them, exactly as the
base-table patch does (``dynamodb_query.partition_candidates``). Everything else is moto's code.

Only an index with one hash key and one range key, queried with one hash condition and at most one
range condition, is narrowed; any other index Query is moto's own, on the whole table.
"""

from __future__ import annotations

import bisect
import functools
import threading
from collections import defaultdict
from typing import Any, Callable

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table

from parley_moto.dynamodb_query import key_window, reachable

_original: dict[str, Callable[..., Any]] = {}
# Set while a backend update_item runs: the put it may make inside is accounted for by the update.
_updating = threading.local()


class _Partition:
    """One index hash key's items in moto's order, with their sort keys and index range values."""

    def __init__(self) -> None:
        self.keys: list[tuple[DynamoType, ...]] = []
        self.ranges: list[DynamoType] = []
        self.items: list[Item] = []

    def add(self, key: tuple[DynamoType, ...], item: Item) -> None:
        at = bisect.bisect_right(self.keys, key)
        self.keys.insert(at, key)
        self.ranges.insert(at, key[0])
        self.items.insert(at, item)

    def remove(self, key: tuple[DynamoType, ...], item: Item) -> bool:
        at = bisect.bisect_left(self.keys, key)
        while at < len(self.keys) and self.keys[at] == key:
            if self.items[at] is item:
                del self.keys[at], self.ranges[at], self.items[at]
                return True
            at += 1
        return False


class _Index:
    """An index's partitions, kept up to date by every write to its table once built."""

    def __init__(self, table: Table, hash_attr: str, range_attr: str) -> None:
        self.hash_attr = hash_attr
        self.order = [a for a in (range_attr, table.hash_key_attr, table.range_key_attr) if a]
        self.partitions: dict[DynamoType, _Partition] = defaultdict(_Partition)
        for item in _original["all_items"](table):
            if isinstance(item, Item):
                self.add(item)

    def entry(self, item: Item) -> tuple[DynamoType, tuple[DynamoType, ...]] | None:
        """The item's index hash key and sort key; None when the index leaves it out (moto's own test:
        a truthy hash and range key)."""
        attrs = item.attrs
        hash_value = attrs.get(self.hash_attr)
        if not hash_value or not attrs.get(self.order[0]):
            return None
        return hash_value, tuple(attrs[a] for a in self.order)

    def add(self, item: Item) -> None:
        entry = self.entry(item)
        if entry is not None:
            self.partitions[entry[0]].add(entry[1], item)

    def remove(self, entry: tuple[DynamoType, tuple[DynamoType, ...]] | None, item: Item) -> bool:
        partition = self.partitions.get(entry[0]) if entry is not None else None
        return entry is None or (partition is not None and partition.remove(entry[1], item))


def _indexes(table: Table) -> dict[str, _Index]:
    return table.__dict__.setdefault("_parley_indexes", {})


def _forget(table: Table | None) -> None:
    """Drops the table's index partitions: the next index Query builds them again."""
    if table is not None:
        _indexes(table).clear()


def _keys(index: Any) -> tuple[str, str] | None:
    hashes = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
    ranges = [k["AttributeName"] for k in index.schema if k["KeyType"] == "RANGE"]
    return (hashes[0], ranges[0]) if len(hashes) == 1 and len(ranges) == 1 else None


def _stored(table: Table, hash_value: DynamoType, range_value: DynamoType | None) -> Item | None:
    partition = dict.get(table.items, hash_value)
    if partition is None or table.range_key_attr is None:
        return partition if isinstance(partition, Item) else None
    return dict.get(partition, range_value)


def _replaced(table: Table, before: Item | None, entries: dict[str, Any], after: Item | None) -> None:
    """Moves the item of one key from its old index entries (taken before the write) to its new ones."""
    for name, index in list(_indexes(table).items()):
        if before is after and entries.get(name) == (index.entry(after) if after is not None else None):
            continue  # updated in place, keys unchanged: the entry still holds the same object
        if before is not None and not index.remove(entries.get(name), before):
            _indexes(table).pop(name, None)  # cannot happen; never answer from a partition gone wrong
            continue
        if after is not None:
            index.add(after)


def _write(table: Table, hash_value: DynamoType, range_value: DynamoType | None, write: Callable[[], Any]) -> Any:
    if not _indexes(table):
        return write()
    before = _stored(table, hash_value, range_value)
    entries = {name: index.entry(before) for name, index in _indexes(table).items()} if before is not None else {}
    result = write()
    _replaced(table, before, entries, _stored(table, hash_value, range_value))
    return result


def _put_item(self: Table, item_attrs: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
    def put() -> Any:
        return _original["Table.put_item"](self, item_attrs, *args, **kwargs)

    keys = (self.hash_key_attr, self.range_key_attr) if self.range_key_attr else (self.hash_key_attr,)
    if getattr(_updating, "table", None) is self or any(key not in item_attrs for key in keys):
        return put()  # accounted for by the update; or refused by moto for a missing key
    hash_value = DynamoType(item_attrs[self.hash_key_attr])
    range_value = DynamoType(item_attrs[self.range_key_attr]) if self.range_key_attr else None
    return _write(self, hash_value, range_value, put)


def _delete_item(self: Table, hash_value: DynamoType, range_value: DynamoType | None = None) -> Any:
    return _write(self, hash_value, range_value, lambda: _original["Table.delete_item"](self, hash_value, range_value))


def _update_item(self: DynamoDBBackend, table_name: str, key: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
    table = self.tables.get(table_name)
    if table is None or table.hash_key_attr not in key:
        return _original["DynamoDBBackend.update_item"](self, table_name, key, *args, **kwargs)
    hash_value = DynamoType(key[table.hash_key_attr])
    range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr in key else None

    def update() -> Any:
        _updating.table = table
        try:
            return _original["DynamoDBBackend.update_item"](self, table_name, key, *args, **kwargs)
        finally:
            _updating.table = None

    return _write(table, hash_value, range_value, update)


def _transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> Any:
    try:
        return _original["DynamoDBBackend.transact_write_items"](self, transact_items)
    except BaseException:
        # A cancelled transaction puts its items back directly, past the writes above.
        for entry in transact_items:
            for operation in entry.values():
                _forget(self.tables.get(operation.get("TableName")) if isinstance(operation, dict) else None)
        raise


def _update_table(self: DynamoDBBackend, name: str, *args: Any, **kwargs: Any) -> Any:
    try:
        return _original["DynamoDBBackend.update_table"](self, name, *args, **kwargs)
    finally:
        _forget(self.tables.get(name))


def _index_of(table: Table, name: str, hash_attr: str, range_attr: str) -> _Index:
    """The table's partitions of index ``name``, built on first use."""
    built = _indexes(table).get(name)
    if built is None:
        built = _indexes(table)[name] = _Index(table, hash_attr, range_attr)
    return built


def candidates(table: Table, index_name: str, range_comparison: str | None, range_objs: list[DynamoType],
               limit: int | None, exclusive_start_key: dict[str, Any] | None, forward: bool,
               hash_key_conditions: list[tuple[str, DynamoType]] | None,
               range_key_conditions: list[tuple[str, str, list[DynamoType]]] | None) -> list[Item] | None:
    """The items of the queried index partition moto's query loop can reach, in moto's order;
    None when this Query is not one narrowed here (moto then reads the whole table)."""
    index = next((i for i in table.all_indexes() if i.name == index_name), None)
    keys = _keys(index) if index is not None else None
    if keys is None or not hash_key_conditions or len(hash_key_conditions) != 1:
        return None
    hash_attr, range_attr = keys
    (condition_attr, hash_value), = hash_key_conditions
    if condition_attr != hash_attr or len(range_key_conditions or []) > 1:
        return None
    if range_key_conditions and range_key_conditions[0][0] != range_attr:
        return None
    partition = _index_of(table, index_name, hash_attr, range_attr).partitions.get(hash_value)
    if partition is None or not partition.items:
        return []
    items, values = partition.items, partition.ranges
    key_type = range_objs[0].type if range_objs else None
    window = key_window(values, range_comparison, range_objs or [], key_type)
    if window is None:
        return list(items)
    low, high = window
    hash_attrs, range_attrs = [hash_attr, table.hash_key_attr], [range_attr, table.range_key_attr]
    if exclusive_start_key:
        comes_before = functools.partial(table._item_comes_before_dct, dct=exclusive_start_key,
                                         hash_key_attrs=hash_attrs, range_key_attrs=range_attrs,
                                         scan_index_forward=forward)
        if forward:
            low = max(low, _first(items, lambda item: not comes_before(item)))
        else:
            high = min(high, _first(items, comes_before))
    low, high = reachable(low, high, len(items), forward, limit)
    return items[low:high]


def _first(items: list[Item], test: Callable[[Item], bool]) -> int:
    """The first position whose item passes ``test``, which is false before it and true from it on."""
    low, high = 0, len(items)
    while low < high:
        middle = (low + high) // 2
        if test(items[middle]):
            high = middle
        else:
            low = middle + 1
    return low


# moto's methods that change a table's items or indexes, and what replaces each.
_WRITERS: dict[tuple[type, str], Callable[..., Any]] = {
    (Table, "put_item"): _put_item,
    (Table, "delete_item"): _delete_item,
    (DynamoDBBackend, "update_item"): _update_item,  # changes the item's attributes in place
    (DynamoDBBackend, "transact_write_items"): _transact_write_items,
    (DynamoDBBackend, "update_table"): _update_table,  # indexes added or removed
}


def apply() -> None:
    """Call after dynamodb_transactions.apply(), whose transaction this wraps."""
    if _original:
        return
    _original["all_items"] = Table.all_items
    for (owner, name), replacement in _WRITERS.items():
        _original[f"{owner.__name__}.{name}"] = getattr(owner, name)
        setattr(owner, name, replacement)


def revert() -> None:
    if not _original:
        return
    for owner, name in _WRITERS:
        setattr(owner, name, _original[f"{owner.__name__}.{name}"])
    _original.clear()
