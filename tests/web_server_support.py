"""The app served on a free loopback port in a thread, for tests that drive a real browser."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from spacecoop.settings import Settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(db: str) -> Iterator[tuple[str, object]]:
    """(base address, the app) while uvicorn serves the store `db`; stopped on exit."""
    import uvicorn

    from spacecoop.web.app import create_app

    port = free_port()
    config = uvicorn.Config(create_app(Settings(db=db)), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", config.app
    finally:
        running.should_exit = True
        thread.join(timeout=10)
