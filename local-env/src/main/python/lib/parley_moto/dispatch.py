"""moto server's per-request dispatch without its filesystem walk and class inspection.

moto 5.2.5 does two things for every request that give the same answer every time:

* ``DomainDispatcherApplication.get_backend_for_host`` asks ``backends.list_of_moto_modules()``
  whether the host is a module name: a ``listdir`` of moto's package and an ``isdir`` per entry
  (about 150), 7% of moto's time in a profile of W8's request mix (``tools/send_mix.py --profile``).
* ``BaseResponse.call_action`` lists the handler class's methods with ``inspect.getmembers``
  (``method_names_from_class``), 3% there.

Both become one computation per process (per class for the second). Upstream form: an
``functools.cache`` on each. ``apply()`` / ``revert()`` as in the DynamoDB patches.
"""

from __future__ import annotations

import functools
from typing import Any, Iterable

import moto.backends
import moto.core.responses

_original: dict[str, Any] = {}


@functools.lru_cache(maxsize=1)
def _moto_modules() -> tuple[str, ...]:
    return tuple(_original["list_of_moto_modules"]())


def list_of_moto_modules() -> Iterable[str]:
    """moto's package directories, read once: an installed package does not change while it runs."""
    return iter(_moto_modules())


@functools.lru_cache(maxsize=None)
def _method_names(clazz: Any) -> tuple[str, ...]:
    return tuple(_original["method_names_from_class"](clazz))


def method_names_from_class(clazz: Any) -> list[str]:
    """A class's function names, listed once per class (a fresh list each call: callers may keep it)."""
    return list(_method_names(clazz))


def apply() -> None:
    if _original:
        return
    _original.update(list_of_moto_modules=moto.backends.list_of_moto_modules,
                     method_names_from_class=moto.core.responses.method_names_from_class)
    moto.backends.list_of_moto_modules = list_of_moto_modules  # type: ignore[assignment]
    moto.core.responses.method_names_from_class = method_names_from_class  # type: ignore[assignment]


def revert() -> None:
    if not _original:
        return
    moto.backends.list_of_moto_modules = _original["list_of_moto_modules"]  # type: ignore[assignment]
    moto.core.responses.method_names_from_class = _original["method_names_from_class"]  # type: ignore[assignment]
    _original.clear()
    _moto_modules.cache_clear()
    _method_names.cache_clear()
