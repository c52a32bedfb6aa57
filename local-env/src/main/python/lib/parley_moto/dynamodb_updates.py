"""Update expressions validated once per text, names, values and table (see dynamodb.py, 7).

moto's ``UpdateItem`` runs ``UpdateExpressionValidator`` on a copy of the parsed tree before it
executes it: ten tree walks that check the actions, put each value in place of its placeholder,
resolve the paths against the item and evaluate ``+``, ``-`` and ``list_append``. The send path's
member-row updates (20 a message in a small group) share one update expression, one set of names
and one set of values, and nothing in them reads the item: the copy and the walks were 23% of
moto's CPU time in ``tools/send_mix.py`` (W8's request mix) after the other patches.

The validator reads the item in one place only: it resolves every path of the expression. A path
in a value position (``SET a = b + :d``, ``if_not_exists(b, :v)``) becomes the item's value, and a
nested target path (``SET a.b = :v``) is checked against the item's shape. So an expression whose
every path is the one-element target of its action (``SET a = :v, #b = list_append(:x, :y)``,
``REMOVE c``, ``ADD n :d``) validates to the same tree, or the same error, whatever the item; what
else the validators read is the names, the values and the table's key schema and attribute
definitions. For those expressions the validated, normalized tree is kept, keyed by all four, and
each ``validate()`` hands out a copy of its spine, the nodes from the root to each value, with new
values: the executor puts them into the item, which must not share them with the kept tree or
another item. The rest (the paths) is shared, and only read. Anything else, and every error, goes through moto's validation as
before.

Upstream form (getmoto/moto): ``Validator.validate`` memoizes item-independent expressions the same way.
"""

from __future__ import annotations

import copy
from typing import Any

from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.parsing.ast_nodes import (ExpressionAttribute, ExpressionAttributeName, Node,
                                              UpdateExpressionAddAction, UpdateExpressionDeleteAction,
                                              UpdateExpressionPath, UpdateExpressionRemoveAction,
                                              UpdateExpressionSetAction)
from moto.dynamodb.parsing.validators import UpdateExpressionValidator, Validator

from parley_moto.dynamodb_expressions import CACHE_SIZE, _frozen, _Lru

_ACTIONS = (UpdateExpressionSetAction, UpdateExpressionRemoveAction, UpdateExpressionAddAction,
            UpdateExpressionDeleteAction)
_TOP_LEVEL = (ExpressionAttribute, ExpressionAttributeName)

_original: dict[str, Any] = {}
# id(tree) -> (tree, item-free?): the parsed trees are moto's, cached by text (dynamodb_expressions).
_decisions = _Lru(CACHE_SIZE)
_validated = _Lru(CACHE_SIZE)


def item_free(node: Any, parent: Any = None, index: int = -1) -> bool:
    """Whether validating this update expression can read nothing of the item: every path in it is
    the one-element target (child 0) of an action."""
    if isinstance(node, UpdateExpressionPath):
        return (isinstance(parent, _ACTIONS) and index == 0 and len(node.children) == 1
                and isinstance(node.children[0], _TOP_LEVEL))
    return all(item_free(child, node, i) for i, child in enumerate(node.children or []) if isinstance(child, Node))


def _is_item_free(tree: Any) -> bool:
    found = _decisions.get(id(tree))
    if found is not None and found[0] is tree:
        return found[1]
    decision = isinstance(tree, Node) and item_free(tree)
    _decisions.put(id(tree), (tree, decision))
    return decision


def _key(self: UpdateExpressionValidator) -> tuple[Any, ...] | None:
    tree, table = self._parley_expression, self.table
    if not _is_item_free(tree):
        return None
    names, values = _frozen(self.expression_attribute_names), _frozen(self.expression_attribute_values)
    if names is None or values is None:
        return None
    schema = (tuple(table.attribute_keys), tuple((d["AttributeName"], d["AttributeType"]) for d in table.attr))
    return id(tree), names, values, id(table), schema


def _init(self: UpdateExpressionValidator, expression: Any, expression_attribute_names: Any,
          expression_attribute_values: Any, item: Any, table: Any) -> None:
    """Keeps the arguments; the processors and the copy of the tree are made only if validation runs."""
    self._parley_expression = expression
    self.expression_attribute_names = expression_attribute_names
    self.expression_attribute_values = expression_attribute_values
    self.item = item
    self.table = table


def _validate(self: UpdateExpressionValidator) -> Node:
    key = _key(self)
    if key is not None:
        found = _validated.get(key)
        if found is not None and found[0] is self._parley_expression and found[1] is self.table:
            return _instance(found[2], found[3])
    Validator.__init__(self, self._parley_expression, self.expression_attribute_names,
                       self.expression_attribute_values, self.item, self.table)
    validated = Validator.validate(self)
    if key is None:
        return validated
    validated.normalize()
    spine = _spine(validated)
    # The entry holds the expression and the table, so their ids stay theirs while it is kept.
    _validated.put(key, (self._parley_expression, self.table, validated, spine))
    return _instance(validated, spine)


def _spine(tree: Node) -> frozenset[int]:
    """The nodes on a way from the root to a value (a ``DynamoType``), and the values.

    moto's ``DynamoDBBackend.update_item`` normalizes the tree it is given (which rewrites the root's
    list of actions; a normalized tree normalizes to itself), and its executors read each action's
    path and put the action's value into the item. So a tree handed out needs its own spine and
    values; the paths, and the clause nodes the actions' parent links lead back to, are only read.
    """
    found: set[int] = set()

    def holds_value(node: Any) -> bool:
        held = isinstance(node, DynamoType)
        for child in getattr(node, "children", None) or []:
            held = holds_value(child) or held
        if held:
            found.add(id(node))
        return held

    holds_value(tree)
    return frozenset(found)


def _instance(node: Any, spine: frozenset[int]) -> Any:
    """A copy of the kept tree's spine (new nodes, lists and values) around its shared, read-only rest."""
    if id(node) not in spine:
        return node
    if isinstance(node, DynamoType):
        return copy.deepcopy(node)
    clone = object.__new__(type(node))
    clone.__dict__.update(node.__dict__)
    clone.children = [_instance(child, spine) for child in node.children]
    for original, child in zip(node.children, clone.children):
        if child is not original and isinstance(child, Node):
            child.parent = clone
    return clone


def apply() -> None:
    if _original:
        return
    _original.update(init=UpdateExpressionValidator.__dict__.get("__init__"),
                     validate=UpdateExpressionValidator.__dict__.get("validate"))
    UpdateExpressionValidator.__init__ = _init  # type: ignore[method-assign]
    UpdateExpressionValidator.validate = _validate  # type: ignore[method-assign]


def revert() -> None:
    if not _original:
        return
    for name in ("init", "validate"):
        attribute = f"__{name}__" if name == "init" else name
        if _original[name] is None:
            delattr(UpdateExpressionValidator, attribute)
        else:
            setattr(UpdateExpressionValidator, attribute, _original[name])
    _original.clear()
    _validated.clear()
    _decisions.clear()
