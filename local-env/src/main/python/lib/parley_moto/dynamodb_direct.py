"""DynamoDB's requests answered by moto's DynamoDB handler without the Flask app around it.

moto's server hands every request to a Flask app per service: a request context pushed and popped,
the URL matched against the service's routes, flask-cors's after-request hook, and a response object
built and finalized by Flask. For DynamoDB, whose every request is ``POST /`` with an
``X-Amz-Target``, all of that ends in one call, ``DynamoHandler.dispatch(request, url, headers)``,
wrapped by ``moto.core.utils.convert_to_flask_response``. This WSGI app makes the same call with the
same request class (``BackendRequest``) and turns its ``(status, headers, body)`` into the response the
same way, ``ClientError`` included. The Flask layer was 13% of moto's samples in a py-spy profile of
W8's small group (docs/cost.md, "W8: moto without Flask for DynamoDB, and quieter long polls").

A request with an ``Origin`` (a browser's; the AWS SDKs send none) and a preflight ``OPTIONS`` still go
through Flask, for flask-cors to answer. To every other answer flask-cors adds one header,
``Access-Control-Allow-Origin: *``, and so does this app (unless moto's ``DISABLE_GLOBAL_CORS``). An
exception moto raises propagates as it does from moto's app (debug mode), to the server's handler,
which answers 500. ``test_dynamodb_direct.py`` compares the two answers for every DynamoDB operation
Parley uses, errors included, with and without an ``Origin``.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from botocore.exceptions import ClientError
from werkzeug.wrappers import Response

from moto.dynamodb.responses import DynamoHandler
from moto.moto_api import recorder
from moto.moto_server.werkzeug_app import DISABLE_GLOBAL_CORS, BackendRequest

TARGET_PREFIX = "DynamoDB_20120810."


def handles(environ: dict[str, Any]) -> bool:
    """A DynamoDB API call (not DynamoDB Streams, whose target names another service) from outside a browser."""
    return (environ.get("REQUEST_METHOD") == "POST" and "HTTP_ORIGIN" not in environ
            and (environ.get("HTTP_X_AMZ_TARGET") or "").startswith(TARGET_PREFIX))


class Route:
    """WSGI middleware: the DynamoDB calls it ``handles`` go to ``app`` below, everything else to moto's app."""

    def __init__(self, moto_app: Callable[..., Iterable[bytes]]) -> None:
        self._moto_app = moto_app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        return (app if handles(environ) else self._moto_app)(environ, start_response)


# werkzeug's Request.url_root (host checks, IRI decoding) was 6% of moto's CPU in send_mix; it depends only on these.
_ROOT_KEYS = ("wsgi.url_scheme", "HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "SCRIPT_NAME")
_roots: dict[tuple[Any, ...], str] = {}
_ROOTS_KEPT = 64


# The content type every AWS SDK sends DynamoDB's calls with: not a form, so werkzeug's form parser answers
# "no form, no files" for it (FormDataParser.parse) after building a parser and parsing the header; that was
# 28 us of a 350 us UpdateItem in-process.
SDK_CONTENT_TYPE = "application/x-amz-json-1.0"


def request_for(environ: dict[str, Any]) -> BackendRequest:
    """moto's request, with werkzeug's ``url_root`` (what moto's ``raw_url`` starts with) reused from an
    earlier request with the same scheme, Host header, server address and script root, and, for the SDKs'
    content type, the empty form and files werkzeug's parser would find, set before anyone asks."""
    request = BackendRequest(environ)
    if environ.get("CONTENT_TYPE") == SDK_CONTENT_TYPE:
        # What Request._load_form_data stores for a mimetype FormDataParser does not parse; the stream stays
        # request.stream, as there, and Flask's debug helper does nothing outside an app context (this path).
        request.__dict__["form"] = request.parameter_storage_class()
        request.__dict__["files"] = request.parameter_storage_class()
    key = tuple(environ.get(name) for name in _ROOT_KEYS)
    root = _roots.get(key)
    if root is None:
        root = request.url_root  # werkzeug's, or the error it raises for an untrusted host
        if len(_roots) < _ROOTS_KEPT:
            _roots[key] = root
    else:
        request.url_root = root  # type: ignore[misc]  # werkzeug's cached_property keeps what it is given
    return request


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    request = request_for(environ)
    recorder._record_request(request)
    try:
        result = DynamoHandler.dispatch(request, request.raw_url, dict(request.headers))
    except ClientError as exc:
        result = 400, {}, exc.response["Error"]["Message"]
    status, headers, content = result if len(result) == 3 else (200, {}, result)
    response = Response(response=content, status=status, headers=headers)
    if not DISABLE_GLOBAL_CORS:
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response(environ, start_response)
