"""Projections of top-level attributes that convert what they keep, once (see dynamodb.py, 5).

moto 5.2.5's ``Item.project`` converts the whole item to plain JSON once per projected path
(``to_regular_json``: a deep copy and a deserialization of every attribute), looks the path up,
merges, and serializes the result back. The send path's tail read projects 13 attributes of
11 items, so a Query converted each item 13 times: the Query was 42% of moto's time inside its
lock in W8, and ``Item.project`` 70% of the Query (py-spy on the running moto).

When every path is one distinct top-level attribute name (no nesting, no list index), this
converts each projected attribute once, in the projection's order, as moto's merge and
serialization would; anything else (a nested path, a list index, a name given twice) goes to
moto's ``project``. A scalar or a set of strings is converted without ``to_regular_json``'s deep
copy, which is the value itself or a new list of the same strings: the copy was half of the
projection's time in W8 (the header's member set). A string, a boolean, a null and a string set
skip the conversion to Python values and back, whose result for them is known (``_round_trip``).

Upstream form: ``Item.project`` converting ``self.to_regular_json()`` once, outside its loop.
"""

from __future__ import annotations

from typing import Any, Callable

from moto.dynamodb.models.dynamo_type import Item, deserializer, serializer

_original: dict[str, Callable[..., Any]] = {}


def _project(self: Item, projection_expressions: list[list[str]]) -> Item:
    names = [path[0] for path in projection_expressions if len(path) == 1]
    if (len(names) != len(projection_expressions) or len(set(names)) != len(names)
            or any("[" in name for name in names)):
        return _original["project"](self, projection_expressions)
    # moto merges each converted value into one dict and serializes the dict: with distinct top-level names the
    # merge is an assignment and the dict's serialization is each value's, in the same order.
    typed: dict[str, Any] = {}
    for name in names:
        attribute = self.attrs.get(name)
        if attribute is not None:
            typed[name] = _round_trip(attribute)
    return Item(hash_key=self.hash_key, range_key=self.range_key, attrs=typed)


def _round_trip(attribute: Any) -> dict[str, Any]:
    """``serializer.serialize(deserializer.deserialize(attribute.to_regular_json()))``: what moto's projection makes
    of one attribute. A string, a boolean and a null come back as they are (a null as ``True``); a string set
    comes back as the list of the Python set that ``deserialize`` builds from it, in that set's order."""
    kind, value = attribute.type, attribute.value
    if kind == "S" and type(value) is str or kind == "BOOL" and type(value) is bool:
        return {kind: value}
    if kind == "NULL":
        return {"NULL": True}
    if kind == "SS" and isinstance(value, list) and value and all(type(v) is str for v in value):
        return {"SS": list(set(value))}
    return serializer.serialize(deserializer.deserialize(_regular_json(attribute)))


_SCALARS = frozenset({"S", "N", "BOOL", "NULL"})
_SETS = frozenset({"SS", "NS", "BS"})


def _regular_json(attribute: Any) -> dict[str, Any]:
    """``DynamoType.to_regular_json``, which deep-copies the value: for a scalar other than binary, or a
    set of strings, that copy is the value itself or a new list of the same strings."""
    kind, value = attribute.type, attribute.value
    if kind in _SCALARS and isinstance(value, (str, bool)):
        return {kind: value}
    if kind in _SETS and isinstance(value, list) and all(type(v) is str for v in value):
        return {kind: list(value)}
    return attribute.to_regular_json()


def apply() -> None:
    if _original:
        return
    _original["project"] = Item.project
    Item.project = _project  # type: ignore[method-assign]


def revert() -> None:
    if not _original:
        return
    Item.project = _original["project"]  # type: ignore[method-assign]
    _original.clear()
