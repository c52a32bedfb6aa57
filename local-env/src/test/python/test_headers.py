"""parley_moto.headers.parse_headers gives the message http.client's parser gives, or its error.

Each header block is parsed by both, from a stream that also holds the request body after the
headers: the messages must be equal attribute by attribute (headers in order, payload, defects,
policy), and each parser must leave the stream at the same place, the body's first byte.

Run by ./parley test:
    .venv/bin/python -m unittest discover -s local-env/src/test/python
"""

import http.client
import http.server
import io
import os
import sys
import unittest
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "python", "lib"))
from parley_moto import headers  # noqa: E402

SDK = (b"Host: localhost:5000\r\nAccept-Encoding: identity\r\nX-Amz-Target: DynamoDB_20120810.UpdateItem\r\n"
       b"Content-Type: application/x-amz-json-1.0\r\nUser-Agent: aws-sdk-java/2.29.0 Linux/6.1 OpenJDK_64-Bit\r\n"
       b"X-Amz-Date: 20261207T231500Z\r\nAuthorization: AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/"
       b"dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc\r\nContent-Length: 12\r\n\r\n")

BLOCKS = [
    SDK,
    SDK.replace(b"\r\n", b"\n"),
    b"\r\n",
    b"",  # the connection closed before any header
    b"Host: a\r\n",  # closed after one header, without the blank line
    b"Host: a\r\nhost: b\r\nX-Dup: 1\r\nX-Dup: 2\r\n\r\n",
    b"X-Spaces:   lead and trail   \r\nX-Tab:\tvalue\t\r\nX-Empty:\r\nX-Empty2: \r\nX-Colon: a:b::c\r\n\r\n",
    b"X:y\r\nweird!#$%&'*+-.^_`|~name: v\r\n\r\n",
    # Not plain: the email parser's answer, whatever it is.
    b"X-Folded: first\r\n  second\r\n\r\n",
    b"X-Latin: caf\xe9\r\n\r\n",
    b"X-Nel: a\x85b\r\n\r\n",
    b"X-Cr: a\rb: c\r\n\r\n",
    b"X-Cr-End: a\r\r\n\r\n",
    b"no colon here\r\nHost: a\r\n\r\n",
    b": empty name\r\n\r\n",
    b"Bad Name: v\r\n\r\n",
    b"From nobody\r\nHost: a\r\n\r\n",
    b"Content-Type: multipart/form-data; boundary=xyz\r\nHost: a\r\n\r\n",
    b"Host: a\r\ncontent-type:  Message/rfc822\r\n\r\n",
    b"Content-Type: application/json\r\n\r\n",
]
BODY = b'{"a": "body"}\r\n'


def parsed(parse: Any, block: bytes) -> tuple[Any, int]:
    stream = io.BytesIO(block + BODY)
    try:
        message = parse(stream, _class=http.client.HTTPMessage)
    except http.client.HTTPException as e:
        return ("raised", type(e).__name__, str(e)), stream.tell()
    return described(message), stream.tell()


def described(message: Any) -> Any:
    """A message's class, every attribute (defects by class and text) and its headers; parts likewise."""
    state = {}
    for name, value in vars(message).items():
        if name == "defects":
            value = [(type(d).__name__, str(d)) for d in value]
        elif name == "_payload" and isinstance(value, list):
            value = [described(part) for part in value]
        state[name] = value
    return type(message).__name__, state, message.items()


class PlainHeadersParseAsTheEmailParserDoes(unittest.TestCase):
    def test_every_block_gives_the_same_message(self) -> None:
        original = http.client.parse_headers
        self.assertIsNot(original, headers.parse_headers)
        for block in BLOCKS + [b"".join(f"X-H{i}: {i}\r\n".encode() for i in range(100)) + b"\r\n",
                               b"".join(f"X-H{i}: {i}\r\n".encode() for i in range(101)) + b"\r\n",
                               b"X-Long: " + b"a" * 70000 + b"\r\n\r\n"]:
            with self.subTest(block=block[:80]):
                self.assertEqual(parsed(original, block), parsed(headers.parse_headers, block))

    def test_apply_puts_it_where_http_server_looks(self) -> None:
        original = http.client.parse_headers
        headers.apply()
        try:
            self.assertIs(headers.parse_headers, http.server.http.client.parse_headers)
        finally:
            headers.revert()
        self.assertIs(original, http.client.parse_headers)

    def test_the_sdks_headers_skip_the_email_parser(self) -> None:
        import email.parser
        calls = []
        original = email.parser.Parser.parsestr
        email.parser.Parser.parsestr = lambda self, *a, **k: calls.append(1) or original(self, *a, **k)
        try:
            headers.parse_headers(io.BytesIO(SDK))
            headers.parse_headers(io.BytesIO(BLOCKS[8]))
        finally:
            email.parser.Parser.parsestr = original
        self.assertEqual(1, len(calls))


if __name__ == "__main__":
    unittest.main()
