"""``breachlens users`` and ``breachlens serve``: accounts with argon2 hashes, tokens kept hashed, safe defaults."""

from __future__ import annotations

import inspect
import json

from typer.testing import CliRunner

from breachlens.cli import app
from breachlens.cli.serve import serve_command
from breachlens.store import Store
from breachlens.store.tables_web import ApiTokenRow, UserRow
from breachlens.store.web import check_password, token_user

runner = CliRunner()


def test_users_add_list_token_remove() -> None:
    added = runner.invoke(app, ["users", "add", "alice", "--role", "analyst", "--password-stdin"],
                          input="a-long-password\n")
    assert added.exit_code == 0, added.output
    again = runner.invoke(app, ["users", "add", "alice", "--password-stdin"], input="a-long-password\n")
    assert again.exit_code == 1 and "exists" in str(again.exception)
    short = runner.invoke(app, ["users", "add", "bob", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "too short" in str(short.exception)
    listed = runner.invoke(app, ["users", "list", "--format", "json"])
    assert json.loads(listed.output.strip()) | {"created_at": ""} == {"name": "alice", "role": "analyst",
                                                                     "created_at": "", "tokens": 0}
    token = runner.invoke(app, ["users", "token", "alice"]).output.strip()
    assert token.startswith("bl_")
    with Store() as store:
        with store._session() as session:
            user = session.query(UserRow).one()
            assert user.password_hash.startswith("$argon2id$") and "a-long-password" not in user.password_hash
            assert token not in {row.token_hash for row in session.query(ApiTokenRow)}
        assert check_password(store, "alice", "a-long-password") is not None
        assert check_password(store, "alice", "wrong-password") is None
        found = token_user(store, token)
        assert found is not None and found.role == "analyst"
    assert runner.invoke(app, ["users", "remove", "alice"]).exit_code == 0
    with Store() as store:
        assert token_user(store, token) is None
    assert runner.invoke(app, ["users", "remove", "alice"]).exit_code == 1


def test_serve_binds_loopback_unless_told() -> None:
    assert inspect.signature(serve_command).parameters["host"].default == "127.0.0.1"
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "Example: breachlens serve" in result.output
