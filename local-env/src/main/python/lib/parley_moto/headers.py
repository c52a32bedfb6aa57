"""HTTP request headers parsed without the email package when they are plain.

``http.server`` reads each request's headers with ``http.client.parse_headers``, which hands them to
``email.parser``: a feed parser built for whole mail messages, line by line through generators. That
was 10% of moto's CPU time in ``tools/send_mix.py`` (W8's request mix). The headers the SDKs send
are plain: one ``Name: value`` line each, printable ASCII, no folding. For those, ``parse_headers``
here builds the same ``HTTPMessage`` directly (the same names, the same values, in the same order,
an empty body); anything else (a folded or non-ASCII line, a line without a name, a multipart or
message content type, which the email parser would read into) goes to the email parser as before.
Reading is the same: at most ``http.client``'s line length and header count, with its errors.

``apply()`` puts it in place of ``http.client.parse_headers`` for the whole process (``http.server``
looks it up there on every request); ``test_headers.py`` compares both parsers' messages, attribute
by attribute, over plain and unusual header blocks.
"""

from __future__ import annotations

import email.parser
import http.client
import re
from typing import Any, BinaryIO

_PLAIN = re.compile(rb"([\x21-\x39\x3b-\x7e]+):[ \t]*([\x20-\x7e\t]*?)\r?\n\Z")
_ENDS = (b"\r\n", b"\n", b"")
_READ_BY_EMAIL = re.compile(r"\s*(multipart|message)/", re.IGNORECASE)

_original: dict[str, Any] = {}


def parse_headers(fp: BinaryIO, _class: type = http.client.HTTPMessage) -> Any:
    """``http.client.parse_headers``, without the email parser for plain headers."""
    lines = []
    while True:
        line = fp.readline(http.client._MAXLINE + 1)
        if len(line) > http.client._MAXLINE:
            raise http.client.LineTooLong("header line")
        lines.append(line)
        if len(lines) > http.client._MAXHEADERS:
            raise http.client.HTTPException(f"got more than {http.client._MAXHEADERS} headers")
        if line in _ENDS:
            break
    fields = [_PLAIN.match(line) for line in lines[:-1]]
    if all(fields):
        message = _class()
        for field in fields:
            name, value = field.group(1).decode("ascii"), field.group(2).decode("ascii")  # type: ignore[union-attr]
            if name.lower() == "content-type" and _READ_BY_EMAIL.match(value):
                break
            message.set_raw(name, value)
        else:
            message.set_payload("")
            return message
    return email.parser.Parser(_class=_class).parsestr(b"".join(lines).decode("iso-8859-1"))


def apply() -> None:
    if not _original:
        _original["parse_headers"] = http.client.parse_headers
        http.client.parse_headers = parse_headers  # type: ignore[assignment]


def revert() -> None:
    if _original:
        http.client.parse_headers = _original.pop("parse_headers")
