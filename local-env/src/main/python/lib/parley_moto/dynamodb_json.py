"""Item operations answered with json.dumps, not moto's model-driven serializer (see dynamodb.py, 2)."""

from __future__ import annotations

import base64
import json
from typing import Any, Callable

from moto.core.responses import ActionResult
from moto.dynamodb.responses import DynamoHandler

_original: dict[str, Callable[..., Any]] = {}

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
    if _original:
        return
    _original["serialized"] = DynamoHandler.serialized
    DynamoHandler.serialized = _serialized  # type: ignore[method-assign]


def revert() -> None:
    if not _original:
        return
    DynamoHandler.serialized = _original["serialized"]  # type: ignore[method-assign]
    _original.clear()
