"""Expressions parsed once per text, their trees copied and walked cheaply (see dynamodb.py, 4)."""

from __future__ import annotations

import copy
import functools
import json
import threading
from collections import OrderedDict
from typing import Any, Callable

from moto.dynamodb.comparisons import ConditionExpressionParser
from moto.dynamodb.parsing.ast_nodes import DepthFirstTraverser, Expression, Node, UpdateExpressionFunction
from moto.dynamodb.parsing.expressions import UpdateExpressionParser
from moto.dynamodb.parsing.validators import Validator

CACHE_SIZE = 1024

_original: dict[str, Any] = {}


class _Lru:
    """A bounded map, least recently used out first; safe to share between threads."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._entries[key] = value
            if len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


# A condition's tree embeds the names and values it was parsed with, so they are part of the key.
_conditions = _Lru(CACHE_SIZE)


def _frozen(mapping: dict[str, Any] | None) -> str | None:
    """A canonical text of names or values; None when they hold something JSON cannot say exactly."""
    try:
        return json.dumps(mapping, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return None


def _condition_parse(self: ConditionExpressionParser) -> Any:
    """moto's parse, answered from the cache when the same expression, names and values were parsed.

    The tree (Op and Func nodes) is only read when evaluated; the lists of names and values found
    are copied into this parser's own, since callers extend them. Errors are never cached: a
    failing parse runs again and raises what moto raises.
    """
    names, values = _frozen(self.expression_attribute_names), _frozen(self.expression_attribute_values)
    if not self.condition_expression or names is None or values is None:
        return _original["condition_parse"](self)
    key = (self.condition_expression, names, values)
    cached = _conditions.get(key)
    if cached is None:
        # Parsed from private copies: the tree keeps references into the values it was given.
        private = ConditionExpressionParser(self.condition_expression, copy.deepcopy(self.expression_attribute_names),
                                            copy.deepcopy(self.expression_attribute_values))
        op = _original["condition_parse"](private)
        cached = (op, tuple(private.expr_attr_names_found), tuple(private.expr_attr_values_found))
        _conditions.put(key, cached)
    op, names_found, values_found = cached
    self.expr_attr_names_found.extend(names_found)
    self.expr_attr_values_found.extend(values_found)
    return op


@functools.lru_cache(maxsize=CACHE_SIZE)
def _update_tree(parser: type, expression: str) -> Any:
    return _original["update_make"].__func__(parser, expression)


def _update_make(cls: type, expression_str: str) -> Any:
    """moto's UpdateExpressionParser.make, once per text: the tree is shared, so it must stay unmutated.

    moto's Validator copies it before its processors rewrite it (``Validator.__init__``), and the
    handler only reads it (``find_clauses``); unhashable input goes to moto as it is.
    """
    if not isinstance(expression_str, str):
        return _original["update_make"].__func__(cls, expression_str)
    return _update_tree(cls, expression_str)


_ATOMS = (str, int, float, bool, type(None), bytes)


def copy_tree(value: Any, memo: dict[int, Any]) -> Any:
    """``copy.deepcopy`` for a parsed expression tree, without deepcopy's generic per-object work.

    Nodes (plain objects) and lists are rebuilt; immutable leaves are shared, as deepcopy shares
    them; anything else (a DynamoType, a tuple, a dict) goes through ``copy.deepcopy`` with the
    same memo, so shared references and cycles (each node's parent) come out as deepcopy makes them.
    """
    kind = type(value)
    if kind in _ATOMS:
        return value
    seen = memo.get(id(value))
    if seen is not None:
        return seen
    if kind is list:
        clone: Any = []
        memo[id(value)] = clone
        clone.extend(copy_tree(v, memo) for v in value)
        _keep_alive(value, memo)
        return clone
    if _plain_node(kind):
        clone = object.__new__(kind)
        memo[id(value)] = clone
        clone.__dict__.update({k: copy_tree(v, memo) for k, v in value.__dict__.items()})
        _keep_alive(value, memo)
        return clone
    return copy.deepcopy(value, memo)


def _keep_alive(value: Any, memo: dict[int, Any]) -> None:
    # What deepcopy does: the originals stay referenced while the memo lives, so no id is reused.
    memo.setdefault(id(memo), []).append(value)  # type: ignore[call-overload]


@functools.lru_cache(maxsize=None)
def _plain_node(kind: type) -> bool:
    """A Node whose deepcopy is the generic one: a new object with a deep copy of its __dict__."""
    if not issubclass(kind, Node):
        return False
    generic = object.__reduce_ex__
    return (getattr(kind, "__deepcopy__", None) is None and getattr(kind, "__slots__", None) is None
            and kind.__reduce_ex__ is generic and getattr(kind, "__reduce__") is object.__reduce__
            and getattr(kind, "__getstate__", None) is getattr(object, "__getstate__", None)
            and getattr(kind, "__setstate__", None) is None)


def _validator_init(self: Validator, expression: Any, expression_attribute_names: Any,
                    expression_attribute_values: Any, item: Any, table: Any) -> None:
    self.expression_attribute_names = expression_attribute_names
    self.expression_attribute_values = expression_attribute_values
    self.item = item
    self.table = table
    self.processors = self.get_ast_processors()
    self.node_to_validate = copy_tree(expression, {})


# moto rebuilds each traverser's processing map, and a tuple of its keys, for every node it visits.
def _nodes_to_be_processed(self: DepthFirstTraverser) -> tuple[type, ...]:
    found = self.__dict__.get("_parley_types")
    if found is None:
        found = self.__dict__["_parley_types"] = tuple(self._processing_map().keys())
    return found


def _decisions(self: DepthFirstTraverser) -> tuple[dict[type, bool], bool]:
    """Per traverser: which node classes it processes (filled as met), and whether it has a
    pre-processing hook of its own (moto's default does nothing)."""
    found = self.__dict__.get("_parley_decisions")
    if found is None:
        hooked = type(self).pre_processing_of_child is not DepthFirstTraverser.pre_processing_of_child
        found = self.__dict__["_parley_decisions"] = ({}, hooked)
    return found


@functools.lru_cache(maxsize=None)
def _is_node(kind: type) -> bool:
    return issubclass(kind, Node)


def _traverse_node_recursively(self: DepthFirstTraverser, node: Any, child_id: int = -1) -> Any:
    """moto's traversal, with its isinstance checks against ABCs answered once per class, and
    without the calls that do nothing: moto's default pre-processing hook, and the descent into
    a child that is not a node (it comes back unchanged and is not put anywhere)."""
    if not _is_node(type(node)):
        return node
    decided, hooked = _decisions(self)
    parent_node = node.parent
    if node.children is not None:
        for i, child_node in enumerate(node.children):
            if hooked:
                self.pre_processing_of_child(node, i)
            if _is_node(type(child_node)):
                self.traverse_node_recursively(child_node, i)
    kind = type(node)
    processes = decided.get(kind)
    if processes is None:
        processes = decided[kind] = issubclass(kind, self.nodes_to_be_processed())
    if processes:
        node = self.process(node)
        node.parent = parent_node
        if parent_node:
            parent_node.children[child_id] = node
    return node


@functools.lru_cache(maxsize=None)
def _holds_clauses(kind: type) -> bool:
    return issubclass(kind, (Expression, UpdateExpressionFunction))


def _find_clauses(self: Node, clause_types: Any) -> list[Any]:
    """moto's Node.find_clauses, with its two isinstance checks against ABCs answered once per class."""
    clauses = []
    for child in self.children or []:
        kind = type(child)
        if kind in clause_types:
            clauses.append(child)
        elif _holds_clauses(kind):
            clauses.extend(child.find_clauses(clause_types))
    return clauses


def _subclass_processing_maps() -> list[type]:
    """Every traverser class that defines its own _processing_map (each gets the per-instance cache)."""
    found, pending = [], [DepthFirstTraverser]
    while pending:
        kind = pending.pop()
        pending.extend(kind.__subclasses__())
        if "_processing_map" in kind.__dict__:
            found.append(kind)
    return found


def apply() -> None:
    if _original:
        return
    _original.update(condition_parse=ConditionExpressionParser.parse,
                     update_make=UpdateExpressionParser.__dict__["make"],
                     validator_init=Validator.__init__,
                     nodes_to_be_processed=DepthFirstTraverser.nodes_to_be_processed,
                     traverse=DepthFirstTraverser.traverse_node_recursively,
                     find_clauses=Node.find_clauses)
    ConditionExpressionParser.parse = _condition_parse  # type: ignore[method-assign]
    UpdateExpressionParser.make = classmethod(_update_make)  # type: ignore[assignment, method-assign]
    Validator.__init__ = _validator_init  # type: ignore[method-assign]
    DepthFirstTraverser.nodes_to_be_processed = _nodes_to_be_processed  # type: ignore[method-assign]
    DepthFirstTraverser.traverse_node_recursively = _traverse_node_recursively  # type: ignore[method-assign]
    Node.find_clauses = _find_clauses  # type: ignore[method-assign]
    maps = {}
    for kind in _subclass_processing_maps():
        original = kind.__dict__["_processing_map"]
        maps[kind] = original

        def cached(self: DepthFirstTraverser, _original_map: Callable[..., Any] = original) -> Any:
            found = self.__dict__.get("_parley_map")
            if found is None:
                found = self.__dict__["_parley_map"] = _original_map(self)
            return found

        kind._processing_map = cached  # type: ignore[method-assign]
    _original["processing_maps"] = maps


def revert() -> None:
    if not _original:
        return
    ConditionExpressionParser.parse = _original["condition_parse"]  # type: ignore[method-assign]
    UpdateExpressionParser.make = _original["update_make"]  # type: ignore[method-assign]
    Validator.__init__ = _original["validator_init"]  # type: ignore[method-assign]
    DepthFirstTraverser.nodes_to_be_processed = _original["nodes_to_be_processed"]  # type: ignore[method-assign]
    DepthFirstTraverser.traverse_node_recursively = _original["traverse"]  # type: ignore[method-assign]
    Node.find_clauses = _original["find_clauses"]  # type: ignore[method-assign]
    for kind, original in _original["processing_maps"].items():
        kind._processing_map = original  # type: ignore[method-assign]
    _original.clear()
    _conditions.clear()
    _update_tree.cache_clear()
