"""moto_serial.py started for a measuring tool: on a free port, ready when handed over, stopped afterwards.

Usage, from a tool in this directory:
    with launched.moto(args.launcher) as (process, port):
        ...
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import Iterator, Sequence

# The project's launcher; a tool's --launcher can name another (an older commit's, from git show REV:PATH).
LAUNCHER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "moto_serial.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def moto(launcher: str = LAUNCHER, extra: Sequence[str] = ()) -> Iterator[tuple[subprocess.Popen, int]]:
    port = free_port()
    process = subprocess.Popen([sys.executable, launcher, "-H", "127.0.0.1", "-p", str(port), *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{launcher} did not start listening on port {port} "
                                     f"(exit code {process.poll()}); run it by hand to see why")
                time.sleep(0.05)  # polling for the port, not waiting for an outcome
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=30)
