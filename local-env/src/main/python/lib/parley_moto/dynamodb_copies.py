"""Copies moto makes that nothing reads, and items built in linear time (see dynamodb.py, 8).

Five things moto 5.2.5 does on the calls of W8's request mix (a member-row ``UpdateItem`` for each
of 20 members, the tail ``Query``, the transaction and the connections' ``BatchGetItem`` per
message) change nothing it answers; without them, and with ``request_ids``, moto spends 11-17% less
CPU on a message of that mix (``tools/send_mix.py``; docs/cost.md, "W8: copies nothing read"):

* ``DynamoDBBackend.update_item`` deep-copies the item before updating it (``orig_item``), and
  reads that copy only to record the stream's old image. A table without a stream gets no copy.
* The ``UpdateItem`` handler deep-copies the item too (``existing_item``), to compare attribute
  values before and after for ``UPDATED_OLD``/``UPDATED_NEW``, and reads that copy only through
  ``to_json()``, on the next line, before the update. ``Item.to_json()`` returns containers of its
  own: lists and maps are rebuilt (their ``DynamoType`` elements through ``to_regular_json``, a
  deep copy) and the rest is strings, numbers-as-strings, booleans and bytes, which nothing
  mutates. So the item's own JSON, taken there, is what the copy's JSON was.
* ``Table.query`` deep-copies every item of the page before projecting it. A projection builds new
  items from converted values (``Item.project`` in moto, ``dynamodb_projection`` here), so with a
  ProjectionExpression the copy is dropped; without one moto copies as before.
* ``Table.query`` asks each item of the page for its size twice (``Item.size``, a walk of every
  attribute), to stop at 1 MB: during a Query each item's size is computed once.
* ``Item.__init__`` sets attributes one at a time into a ``LimitedSizeDict``, which sums the size of
  every attribute already set on each insertion: quadratic in the attributes. The same dict is now
  filled directly and checked once. Sizes are never negative, so the running total moto checks
  reaches its largest value at the last insertion: ``ItemSizeTooLarge`` is raised exactly when moto
  raises it, and the item is the same.

The three copies are moto's calls to ``copy.deepcopy`` through the ``copy`` name of its modules
(``moto.dynamodb.models``, ``moto.dynamodb.responses``, ``moto.dynamodb.models.table``). Each module's
name is pointed at a stand-in that answers as ``copy`` does except for the one call it replaces,
which is recognised by the thread-local state the wrapper around that call sets. The tests check
that those modules call ``copy`` nowhere else that could meet that state.

Upstream form: ``orig_item`` only when ``table.stream_shard`` is set; ``existing_attributes`` from
the item's ``to_json()`` without the copy; ``Table.query`` copying only when not projecting; ``Item.__init__`` checking
the size once; the query loop keeping each item's size.
"""

from __future__ import annotations

import copy
import threading
import types
from typing import Any, Callable

from moto.dynamodb import models as dynamodb_models
from moto.dynamodb import responses as dynamodb_responses
from moto.dynamodb.exceptions import ItemSizeTooLarge
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models import table as table_module
from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict
from moto.dynamodb.models.table import Table
from moto.dynamodb.models.utilities import bytesize
from moto.dynamodb.responses import DynamoHandler

# moto's limit in LimitedSizeDict.__setitem__ (between DynamoDB's measured 409 and 410 KB).
ITEM_SIZE_LIMIT = 405000

_original: dict[str, Any] = {}
_state = threading.local()


def _copy_module() -> types.SimpleNamespace:
    """A stand-in for ``copy`` whose ``deepcopy`` answers the replacement a wrapper asked for, once."""

    def deepcopy(x: Any, memo: dict[int, Any] | None = None, _nil: Any = None) -> Any:
        pending = getattr(_state, "pending", None)
        if pending is not None and memo is None and isinstance(x, pending[0]):
            _state.pending = None
            return pending[1](x)
        return copy.deepcopy(x, memo)

    return types.SimpleNamespace(deepcopy=deepcopy, copy=copy.copy, Error=copy.Error, error=copy.error)


def _once(kinds: tuple[type, ...], replacement: Callable[[Any], Any], call: Callable[[], Any]) -> Any:
    """Runs ``call`` with the next ``copy.deepcopy(x)`` of a patched module, x one of ``kinds``, answered by
    ``replacement(x)``."""
    _state.pending = (kinds, replacement)
    try:
        return call()
    finally:
        _state.pending = None


_ITEM_OR_NONE = (Item, type(None))


def _same(x: Any) -> Any:
    return x


def _backend_update_item(self: DynamoDBBackend, table_name: str, *args: Any, **kwargs: Any) -> Item:
    table = self.tables.get(table_name)
    if table is None or table.stream_shard is not None:
        return _original["backend_update"](self, table_name, *args, **kwargs)
    # orig_item is only read to record a stream's old image.
    return _once(_ITEM_OR_NONE, _same, lambda: _original["backend_update"](self, table_name, *args, **kwargs))


def _handler_update_item(self: DynamoHandler) -> Any:
    return _once(_ITEM_OR_NONE, _same, lambda: _original["handler_update"](self))


def _table_query(self: Table, hash_key: Any, range_comparison: Any, range_objs: Any, limit: Any,
                 exclusive_start_key: Any, scan_index_forward: Any, projection_expressions: Any,
                 *args: Any, **kwargs: Any) -> Any:
    def query() -> Any:
        return _original["query"](self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                                  scan_index_forward, projection_expressions, *args, **kwargs)

    _state.sizes = {}
    try:
        if not projection_expressions:
            return query()
        # Every item of the page is replaced by its projection, a new item: the copy would be dropped unread.
        return _once((list,), list, query)
    finally:
        _state.sizes = None


def _item_size(self: Item) -> int:
    """moto's ``Item.size``, computed once per item during a Query (its loop asks twice per item, and no item
    changes while it runs); the item is kept with its size, so a new item can never be taken for it."""
    sizes = getattr(_state, "sizes", None)
    if sizes is None:
        return _original["item_size"](self)
    known = sizes.get(id(self))
    if known is not None and known[0] is self:
        return known[1]
    size = _original["item_size"](self)
    sizes[id(self)] = (self, size)
    return size


def _item_init(self: Item, hash_key: DynamoType, range_key: DynamoType | None, attrs: dict[str, Any]) -> None:
    self.hash_key = hash_key
    self.range_key = range_key
    built = LimitedSizeDict.__new__(LimitedSizeDict)
    dict.__init__(built)
    for key, value in attrs.items():
        dict.__setitem__(built, key, DynamoType(value))
    if sum(bytesize(key) + value.size() for key, value in built.items()) > ITEM_SIZE_LIMIT:
        raise ItemSizeTooLarge
    self.attrs = built


# The modules whose ``copy`` name is replaced, and the one call each replaces.
PATCHED_MODULES = (dynamodb_models, dynamodb_responses, table_module)


def apply() -> None:
    if _original:
        return
    _original.update(backend_update=DynamoDBBackend.update_item, handler_update=DynamoHandler.update_item,
                     query=Table.query, item_init=Item.__init__, item_size=Item.size,
                     copies={module: module.copy for module in PATCHED_MODULES})
    for module in PATCHED_MODULES:
        module.copy = _copy_module()  # type: ignore[attr-defined]
    DynamoDBBackend.update_item = _backend_update_item  # type: ignore[method-assign]
    DynamoHandler.update_item = _handler_update_item  # type: ignore[method-assign]
    Table.query = _table_query  # type: ignore[method-assign]
    Item.__init__ = _item_init  # type: ignore[method-assign]
    Item.size = _item_size  # type: ignore[method-assign]


def revert() -> None:
    if not _original:
        return
    for module, original in _original["copies"].items():
        module.copy = original
    DynamoDBBackend.update_item = _original["backend_update"]  # type: ignore[method-assign]
    DynamoHandler.update_item = _original["handler_update"]  # type: ignore[method-assign]
    Table.query = _original["query"]  # type: ignore[method-assign]
    Item.__init__ = _original["item_init"]  # type: ignore[method-assign]
    Item.size = _original["item_size"]  # type: ignore[method-assign]
    _original.clear()
