"""``breachlens watchlist``: the names, domains and keywords an organisation wants alerts about."""

from __future__ import annotations

from typing import Annotated

import typer

from breachlens.cli._output import ListFormat, echo_json_lines, print_table

app = typer.Typer(help="Watchlists: names, domains, brands, keywords and e-mail domains to alert on.",
                  no_args_is_help=True)


def _split(values: list[str] | None) -> list[str]:
    """Comma-separated and repeated options, trimmed, empty parts dropped, order kept."""
    found: list[str] = []
    for value in values or []:
        for part in value.split(","):
            part = part.strip()
            if part and part not in found:
                found.append(part)
    return found


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The watchlist's name (adding to an existing one extends it).")],
    terms: Annotated[list[str] | None, typer.Option("--terms", help="Organisation names and aliases, "
                                                     "comma-separated.")] = None,
    domains: Annotated[list[str] | None, typer.Option("--domains", help="Domains (sub-domains match too).")] = None,
    brands: Annotated[list[str] | None, typer.Option("--brands", help="Brand and product names.")] = None,
    keywords: Annotated[list[str] | None, typer.Option("--keywords", help="Keywords and phrases.")] = None,
    email_domains: Annotated[list[str] | None, typer.Option("--email-domains", help="Domains of e-mail "
                                                             "addresses (user@DOMAIN).")] = None,
    notify: Annotated[list[str] | None, typer.Option("--notify", help="webhook:URL, slack:URL, teams:URL, "
                                                      "mattermost:URL or email:ADDRESS (repeatable).")] = None,
    digest: Annotated[bool | None, typer.Option("--digest/--no-digest", help="Send one daily digest instead of "
                                                "each alert at once.")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace the watchlist instead of extending it.")] =
        False,
) -> None:
    """Create a watchlist or add terms and notification targets to it.

    Example: breachlens watchlist add acme --terms "Acme,ACME Corp" --domains acme.fr,acme.com --notify webhook:https://hooks.example/x
    Example: breachlens watchlist add acme --notify email:soc@acme.fr --digest
    """
    from breachlens.alerts.store import add_watchlist, watchlist
    from breachlens.errors import InputError
    from breachlens.model import Watchlist
    from breachlens.store import Store

    values = {"terms": _split(terms), "domains": _split(domains), "brands": _split(brands),
              "keywords": _split(keywords), "email_domains": _split(email_domains), "notify": _split(notify)}
    with Store() as store:
        existing = watchlist(store, name)
        if existing is None and not any(values[k] for k in values if k != "notify"):
            raise InputError("a new watchlist needs something to match", input=name,
                             hint="give --terms, --domains, --brands, --keywords or --email-domains")
        wanted_digest = digest if digest is not None else (existing.digest if existing and not replace else False)
        try:
            new = Watchlist(name=name, digest=wanted_digest, **values)
        except ValueError as exc:
            raise InputError(f"not a valid watchlist: {exc}", input=name) from exc
        saved = add_watchlist(store, new, replace=replace)
        if digest is not None and saved.digest != digest:
            saved = add_watchlist(store, saved.model_copy(update={"digest": digest}), replace=True)
    terms_count = sum(len(getattr(saved, k)) for k in ("terms", "domains", "brands", "keywords", "email_domains"))
    typer.echo(f"watchlist {saved.name}: {terms_count} term(s), {len(saved.notify)} target(s)"
               + (", daily digest" if saved.digest else ""), err=True)


@app.command("list")
def list_watchlists(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, or json (one per line)")] =
        ListFormat.table,
) -> None:
    """The watchlists and what they match.

    Example: breachlens watchlist list --format json
    """
    from breachlens.alerts.notify import redact_target
    from breachlens.alerts.store import watchlists
    from breachlens.store import Store

    with Store() as store:
        found = watchlists(store)
    if fmt is ListFormat.json:
        echo_json_lines(w.model_dump(mode="json") for w in found)
        return
    print_table(f"Watchlists ({len(found)})", ["name", "terms", "domains", "brands", "keywords", "e-mail domains",
                                                "notify", "digest"],
                ([w.name, ", ".join(w.terms), ", ".join(w.domains), ", ".join(w.brands), ", ".join(w.keywords),
                  ", ".join(w.email_domains), ", ".join(redact_target(t) for t in w.notify),
                  "yes" if w.digest else ""] for w in found),
                empty="No watchlists. Add one: breachlens watchlist add NAME --terms \"Name\" --domains example.org")


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The watchlist to remove (its alerts go with it).")]) -> None:
    """Remove a watchlist and its alerts.

    Example: breachlens watchlist remove acme
    """
    from breachlens.alerts.store import remove_watchlist
    from breachlens.errors import InputError
    from breachlens.store import Store

    with Store() as store:
        if not remove_watchlist(store, name):
            raise InputError("no such watchlist", input=name, hint="see `breachlens watchlist list`")
    typer.echo(f"removed watchlist {name}", err=True)
