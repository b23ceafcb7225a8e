"""Shared fixtures of the exposure tests: a synthetic dump (Faker), a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from exposure_helpers import Dump, free_port, write_dump


@pytest.fixture
def home() -> Path:
    return Path(os.environ["BREACHLENS_HOME"])


@pytest.fixture
def dump(tmp_path: Path) -> Dump:
    return write_dump(tmp_path / "dump.csv")


@dataclass
class Server:
    url: str


@pytest.fixture
def serve() -> Iterator[object]:
    """Start the exposure app on 127.0.0.1 in a real uvicorn (a thread of this process); stopped after."""
    import uvicorn

    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(service: object = None) -> Server:
        from breachlens.exposure.app import create_app

        port = free_port()
        config = uvicorn.Config(create_app(service), host="127.0.0.1", port=port, log_level="warning",
                                lifespan="off")  # type: ignore[arg-type]
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        servers.append((server, thread))
        return Server(url=f"http://127.0.0.1:{port}")

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)
    from breachlens.exposure.api import use_service

    use_service(None)
