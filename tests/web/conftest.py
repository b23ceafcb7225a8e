"""Fixtures of the web tests: a database filled by the real ingest, users, and a real server on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from web_posts import build_database
from web_site import Site, free_port, make_users


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Site]:
    """``breachlens serve`` on a free port over a database of posts (with the XSS corpus when the module
    sets ``XSS_POSTS = True``; with the module's ``SERVE_OPTIONS``, a list, added to the command)."""
    home = tmp_path_factory.mktemp("web-home")
    database = build_database(home, xss=getattr(request.module, "XSS_POSTS", False))
    tokens = make_users(database)
    port = free_port()
    env = {**os.environ, "BREACHLENS_HOME": str(home)}
    env.pop("BREACHLENS_DB", None)
    command = [sys.executable, "-m", "breachlens", "serve", "--port", str(port), "--log-level", "warning",
               *getattr(request.module, "SERVE_OPTIONS", [])]
    log = (home / "server.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            if process.poll() is not None:
                raise RuntimeError("the server stopped: " + (home / "server.log").read_text())
            try:
                httpx.get(url + "/login", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        yield Site(url=url, home=home, database=database, tokens=tokens)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
