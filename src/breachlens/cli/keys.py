"""``breachlens keys``: API keys of the lookup service (stored hashed; optionally scoped to one domain)."""

from __future__ import annotations

from typing import Annotated

import typer

from breachlens.cli._output import ListFormat, echo_json_lines, print_table

app = typer.Typer(help="API keys of the Have I Been Pwned-compatible lookup service (`breachlens serve`).",
                  no_args_is_help=True)


@app.command("create")
def create(
    domain: Annotated[str | None, typer.Option("--domain", help="Scope the key to this domain: it then looks up "
                                               "addresses of the domain only, and searches the domain.")] = None,
    label: Annotated[str | None, typer.Option("--label", help="Who it is for (shown by `keys list`).")] = None,
) -> None:
    """Create an API key; it is printed once, on the last line, and only its hash is kept.

    A key scoped to a domain also makes `exposure add` keep the (encrypted) local parts of that domain's addresses
    for `breacheddomain`, from the breaches added after it.

    Example: breachlens keys create --domain example.fr --label "DPO example.fr"
    """
    from breachlens.exposure.keys import KeyStore

    record, key = KeyStore().create(domain=domain, label=label)
    scope = f"scoped to {record.domain}" if record.domain else "unscoped"
    typer.echo(f"created key {record.id} ({scope}); it is shown once, keep it now:", err=True)
    typer.echo(key)


@app.command("list")
def list_keys(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, or json (one per line)")] =
        ListFormat.table,
) -> None:
    """The API keys (their ids, scopes and states; never the keys themselves).

    Example: breachlens keys list
    """
    from breachlens.exposure.keys import KeyStore

    keys = KeyStore().list()
    if fmt is ListFormat.json:
        echo_json_lines({"id": k.id, "domain": k.domain, "label": k.label, "created": k.created.isoformat(),
                         "revoked": k.revoked} for k in keys)
        return
    print_table(f"API keys ({len(keys)})", ["id", "domain", "label", "created", "state"],
                ([k.id, k.domain or "(any)", k.label or "", f"{k.created:%Y-%m-%d %H:%M}",
                  "revoked" if k.revoked else "active"] for k in keys),
                empty="No API key yet: breachlens keys create [--domain example.fr]")


@app.command("revoke")
def revoke(key_id: Annotated[str, typer.Argument(help="The key's id, as `keys list` shows it.",
                                                 show_default=False)]) -> None:
    """Revoke an API key (it stops working within a second, also in a running server).

    Example: breachlens keys revoke k3fa9c2d1
    """
    from breachlens.exposure.keys import KeyStore

    revoked = KeyStore().revoke(key_id)
    typer.echo(f"revoked {revoked.id}")
