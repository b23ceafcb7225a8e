"""What the web tests share: the test users, a free port, CSRF tokens read from pages."""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass
from pathlib import Path

import httpx

from breachlens.store import Store
from breachlens.store.web import add_user, new_token

PASSWORD = "correct-horse-42"


@dataclass
class Site:
    url: str
    home: Path
    database: str
    tokens: dict[str, str]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_users(database: str) -> dict[str, str]:
    tokens = {}
    with Store(database) as store:
        for name, role in (("ana", "analyst"), ("vic", "viewer"), ("adm", "admin")):
            add_user(store, name, role, PASSWORD)
            tokens[name] = new_token(store, name)
    return tokens


def sign_in(client: httpx.Client, name: str, password: str = PASSWORD) -> httpx.Response:
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf is not None
    return client.post("/login", data={"name": name, "password": password, "csrf": csrf.group(1), "next": "/"})


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)
