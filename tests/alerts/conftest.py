"""Fixtures of the alert tests: real HTTP and SMTP receivers on 127.0.0.1, posts written with Faker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servers import Receiver, free_port, self_signed, smtp_server

from breachlens.alerts.notify import NotifyConfig


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def config() -> NotifyConfig:
    """Notifications allowed to reach 127.0.0.1 (refused by default), quick retries without real sleeping."""
    return NotifyConfig(allow_hosts=frozenset({"127.0.0.1"}), timeout=5, retries=2, backoff=0.01,
                        signing_key=b"test-signing-key", sleep=lambda _s: None)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return self_signed(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def smtp(certificate: tuple[Path, Path]) -> Iterator[tuple[int, Any]]:
    port = free_port()
    controller, mailbox = smtp_server(*certificate, port)
    yield port, mailbox
    controller.stop()
