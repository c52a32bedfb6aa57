"""Each answer's request id and body, as moto 5.2.5 makes them, in a fraction of the time.

``BaseResponse._enrich_response`` runs for every answer of every service. It draws the 52-character
``x-amzn-requestid`` one character at a time (``get_random_string``: 52 calls of ``Random.choice``,
11 us) and then runs ``re.sub`` with a look-behind over the whole body to put the id inside
``<RequestId>`` (13 us on a 1.7 KB answer), which a JSON answer never holds.

Here the id is drawn with one ``choices`` call from moto's own random source (``mock_random``, so a
seeded moto still draws the same ids run after run), from the same characters with the same
probabilities, and the body is searched only when it is text that holds ``<RequestId>``: the pattern
cannot match otherwise, and moto's ``re.sub`` over bytes or None raises the ``TypeError`` it ignores.

Upstream form: ``get_random_string`` with ``choices(pool, k=length)``, and the substitution guarded by
the substring test.
"""

from __future__ import annotations

import re
import string
from typing import Any, Callable

from moto.core.responses import BaseResponse
from moto.moto_api._internal import mock_random

REQUEST_ID_LENGTH = 52
# get_random_string's pool with digits: letters, then digits.
_POOL = string.ascii_letters + string.digits
_IN_REQUEST_ID = re.compile(r"(?<=<RequestId>).*(?=<\/RequestId>)")

_original: dict[str, Callable[..., Any]] = {}


def request_id() -> str:
    return "".join(mock_random.choices(_POOL, k=REQUEST_ID_LENGTH))


def _enrich_response(headers: dict[str, Any], body: Any) -> tuple[dict[str, Any], Any]:
    if "status" in headers:
        headers["status"] = str(headers["status"])
    identifier = request_id()
    if isinstance(headers, dict):
        headers["x-amzn-requestid"] = identifier
    if isinstance(body, str) and "<RequestId>" in body:
        body = _IN_REQUEST_ID.sub(identifier, body)
    return headers, body


def apply() -> None:
    if _original:
        return
    _original["enrich"] = BaseResponse.__dict__["_enrich_response"]
    BaseResponse._enrich_response = staticmethod(_enrich_response)  # type: ignore[method-assign,assignment]


def revert() -> None:
    if not _original:
        return
    BaseResponse._enrich_response = _original["enrich"]  # type: ignore[method-assign]
    _original.clear()
