"""``breachlens users``: accounts of the web dashboard (viewer, analyst, admin) and API tokens for scripts."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from breachlens.cli._output import ListFormat, echo_json_lines, print_table

app = typer.Typer(help="Accounts of the web dashboard and API tokens for scripts.", no_args_is_help=True)


class Role(StrEnum):
    viewer = "viewer"
    analyst = "analyst"
    admin = "admin"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The user's sign-in name.")],
    role: Annotated[Role, typer.Option("--role", "-r", help="viewer (reads), analyst (triages), admin.")] =
        Role.viewer,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from the first line "
                                                                          "of standard input.")] = False,
) -> None:
    """Create a user; the password is asked for (or read from stdin) and kept as an argon2 hash.

    Example: breachlens users add alice --role analyst
    """
    from breachlens.store import Store
    from breachlens.store.web import add_user

    password = _password(password_stdin)
    with Store() as store:
        user = add_user(store, name, str(role), password)
    typer.echo(f"user {user.name} added ({user.role})")


@app.command("password")
def password(
    name: Annotated[str, typer.Argument(help="The user's sign-in name.")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read it from standard input.")] = False,
) -> None:
    """Set a new password (signs the user out everywhere).

    Example: breachlens users password alice
    """
    from breachlens.errors import InputError
    from breachlens.store import Store
    from breachlens.store.web import set_password

    with Store() as store:
        if not set_password(store, name, _password(password_stdin)):
            raise InputError("no such user", input=name, hint="see `breachlens users list`")
    typer.echo(f"password of {name} changed")


@app.command("list")
def list_users(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, or json (one per line)")] =
        ListFormat.table,
) -> None:
    """Every user, its role and how many API tokens it has.

    Example: breachlens users list
    """
    from breachlens.store import Store
    from breachlens.store.web import users

    with Store() as store:
        found = users(store)
    if fmt is ListFormat.json:
        echo_json_lines({"name": u.name, "role": u.role, "created_at": created.isoformat(), "tokens": tokens}
                        for u, created, tokens in found)
        return
    print_table(f"Users ({len(found)})", ["name", "role", "created", ("tokens", "right")],
                ([u.name, u.role, f"{created:%Y-%m-%d}", str(tokens)] for u, created, tokens in found),
                empty="No users. Add one: breachlens users add NAME --role admin")


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The user's sign-in name.")]) -> None:
    """Remove a user, its sessions and its API tokens.

    Example: breachlens users remove alice
    """
    from breachlens.errors import InputError
    from breachlens.store import Store
    from breachlens.store.web import remove_user

    with Store() as store:
        if not remove_user(store, name):
            raise InputError("no such user", input=name, hint="see `breachlens users list`")
    typer.echo(f"user {name} removed")


@app.command("token")
def token(
    name: Annotated[str, typer.Argument(help="The user the token acts as.")],
    label: Annotated[str, typer.Option("--label", help="What the token is for.")] = "script",
    revoke: Annotated[bool, typer.Option("--revoke", help="Revoke every token of the user instead.")] = False,
) -> None:
    """Print a new API token (shown once; send it as `Authorization: Bearer TOKEN`), or revoke them all.

    Example: breachlens users token alice --label nightly-export
    """
    from breachlens.store import Store
    from breachlens.store.web import new_token, revoke_tokens

    with Store() as store:
        if revoke:
            typer.echo(f"{revoke_tokens(store, name)} token(s) of {name} revoked")
            return
        typer.echo(new_token(store, name, label))
