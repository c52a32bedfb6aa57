"""moto_serial.SerializedApplication: one request at a time, except a user pool's JWKS.

Run by ./parley test:
    .venv/bin/python -m unittest discover -s local-env/src/test/python
"""

import importlib.util
import os
import sys
import threading
import unittest
from typing import Any

_MAIN = os.path.join(os.path.dirname(__file__), "..", "..", "main", "python")
_spec = importlib.util.spec_from_file_location("moto_serial", os.path.join(_MAIN, "moto_serial.py"))
moto_serial = importlib.util.module_from_spec(_spec)
_path = list(sys.path)
_spec.loader.exec_module(moto_serial)  # type: ignore[union-attr]
sys.path[:] = _path


def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Length", "2")])
    return [b"ok"]


def request(serialized: Any, method: str, path: str) -> list[bytes]:
    return serialized({"REQUEST_METHOD": method, "PATH_INFO": path}, lambda status, headers: None)


class SerializedApplicationTest(unittest.TestCase):
    def test_a_user_pools_jwks_is_answered_while_another_request_holds_the_lock(self) -> None:
        serialized = moto_serial.SerializedApplication(app)
        answers: list[list[bytes]] = []
        with serialized._lock:  # a DynamoDB call in progress
            reader = threading.Thread(target=lambda: answers.append(
                request(serialized, "GET", "/us-east-1_abc/.well-known/jwks.json")))
            reader.start()
            reader.join(timeout=30)
            self.assertFalse(reader.is_alive(), "the JWKS request waited for the lock")
        self.assertEqual([[b"ok"]], answers)

    def test_every_other_request_takes_the_lock_and_is_counted(self) -> None:
        serialized = moto_serial.SerializedApplication(app)
        self.assertEqual([b"ok"], request(serialized, "POST", "/"))
        self.assertEqual([b"ok"], request(serialized, "GET", "/us-east-1_abc/.well-known/jwks.json"))
        body = request(serialized, "GET", moto_serial.STATS_PATH)
        self.assertIn(b'"requests": 1', body[0])

    def test_only_a_get_of_the_jwks_skips_the_lock(self) -> None:
        serialized = moto_serial.SerializedApplication(app)
        request(serialized, "POST", "/us-east-1_abc/.well-known/jwks.json")
        self.assertIn(b'"requests": 1', request(serialized, "GET", moto_serial.STATS_PATH)[0])


if __name__ == "__main__":
    unittest.main()
