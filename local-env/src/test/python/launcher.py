"""The launcher, moto_serial.py, loaded as a module for the tests.

It is a script, not a package module, and it edits ``sys.path`` as it loads (its directory holds
token.py, which shadows the standard library's ``token``); the tests' path is restored afterwards.
"""

import importlib.util
import os
import sys
from types import ModuleType

MAIN = os.path.join(os.path.dirname(__file__), "..", "..", "main", "python")


def moto_serial() -> ModuleType:
    spec = importlib.util.spec_from_file_location("moto_serial", os.path.join(MAIN, "moto_serial.py"))
    module = importlib.util.module_from_spec(spec)
    path = list(sys.path)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    sys.path[:] = path
    return module
