"""moto 5.2.5's DynamoDB with per-call latency that does not grow with the data stored.

What moto does, and why it matters to a local cloud that stores every message:

* ``Table.query`` on the base table calls ``all_items()``, which lists *and sorts* every item of
  the table, then keeps the query's partition. A Query therefore costs O(table log table):
  on a bare moto server a ``Limit 11`` Query on a 120-item partition took 5 ms on an empty table
  and 830 ms at 60,000 items (issue 18; ``tools/query_growth.py`` repeats the measurement).
* ``transact_write_items`` deep-copies every table the transaction names before it starts, to
  roll back on failure: O(table) per transaction.

What the modules next to this one change (``apply()``; ``revert()`` restores moto exactly):
``dynamodb_query`` (1), ``dynamodb_json`` (2), ``dynamodb_transactions`` (3),
``dynamodb_expressions`` (4), ``dynamodb_projection`` (5), ``dynamodb_index`` (6), ``dynamodb_updates`` (7),
``dynamodb_copies`` (8).

1. Each partition of a table with a sort key is a :class:`SortedPartition`: a dict that keeps its
   sort keys in order as items are put and deleted (``bisect``). A base-table Query hands moto's
   own ``Table.query`` only the items of its partition that the key condition's sort-key range
   and the ExclusiveStartKey leave, at most Limit of them in the query's direction, already in
   order, plus the one item right after them (which is what makes moto set LastEvaluatedKey
   when a page is full, as it does unpatched). A ``Limit 11`` Query thus touches 12 items
   whatever the partition and the table hold. Everything else (Limit, the 1 MB page size,
   ScanIndexForward, the FilterExpression, projections, LastEvaluatedKey, ScannedCount) is
   moto's unchanged code, which now walks the part of the partition the query can return
   instead of the whole table.
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
   same table objects back, a no-op. Unlike moto's, it does not undo a cancelled transaction's
   stream records (the project has no stream).
4. Expressions (``dynamodb_expressions``). moto parses a condition expression and an update
   expression twice per UpdateItem (the handler validates, the backend applies), copies the
   update's tree with ``copy.deepcopy`` and walks it ten times, checking ``isinstance`` against
   ABCs at every node. The send path's member-row updates (20 per message in a small group) share
   one condition, one update expression and one set of values; in a profile of W8's request mix
   (``tools/send_mix.py --profile``) the UpdateItems were 63% of moto's time, parsing a third of it.
   A condition's tree is cached by (text, names, values), an update's by its text (moto's
   Validator copies it before rewriting it), the copy rebuilds nodes and lists directly, and the
   walks answer the class checks once per class.
5. Projections (``dynamodb_projection``): an item projected on top-level attributes converts each
   of them once, instead of converting the whole item once per projected path.

Upstream form (getmoto/moto): ``Table.items`` partitions become sorted containers and the
base-table branch of ``Table.query`` bisects them instead of filtering ``all_items()``; the
transaction keeps an item-level undo log; the JSON serializer gets a shortcut for output shapes
that are plain AttributeValue JSON; expression parsers memoize by text; ``Item.project`` converts
the item once. The first two are local to ``moto/dynamodb/models``.

6. Secondary-index Queries (``dynamodb_index``): moto's index branch lists and sorts the whole table
   too. Each table keeps its index partitions (items by index hash key, in moto's order for the
   index), rebuilt on the first index Query after any write to the table, and a Query gets only the
   items its key condition, ExclusiveStartKey and Limit reach, as in 1. Large groups page their
   members through the memberships table's ``byConversation`` index, 500 at a time: every page sorted
   the whole table, under moto's lock, while sends waited behind it.
7. Validated updates (``dynamodb_updates``): an update expression whose only paths are its actions'
   top-level targets (the member rows' ``SET lastSeq = :seq, ...``) validates the same whatever the
   item, so its validated tree is kept per text, names, values and table, and each UpdateItem
   executes a copy of it instead of copying and walking the parsed tree ten times.
8. Copies nothing reads, walks done once (``dynamodb_copies``): an UpdateItem on a table without a
   stream deep-copied its item twice (the backend's copy is read only for a stream record, the
   handler's only through ``to_json()``, before the update, which the item's own ``to_json()``
   equals); a Query with a ProjectionExpression deep-copied the page it then replaced by
   projections; moto's Query loop asked each item for its size twice; ``Item.__init__`` summed every
   attribute's size at each attribute it set.
"""

from __future__ import annotations

from parley_moto import (dynamodb_copies, dynamodb_expressions, dynamodb_index, dynamodb_json, dynamodb_projection,
                         dynamodb_query, dynamodb_transactions, dynamodb_updates)

# dynamodb_index after dynamodb_transactions: it counts the patched transaction as a change. dynamodb_copies last:
# its wrappers go around the others', none of which copies through moto's modules before moto's own copy.
_PATCHES = (dynamodb_query, dynamodb_json, dynamodb_transactions, dynamodb_expressions, dynamodb_projection,
            dynamodb_index, dynamodb_updates, dynamodb_copies)


def apply() -> None:
    """Patches moto's classes in this process; tables created from now on use sorted partitions."""
    for patch in _PATCHES:
        patch.apply()


def revert() -> None:
    """Puts moto's own methods back (for the tests that compare both)."""
    for patch in reversed(_PATCHES):
        patch.revert()
