"""``breachlens exposure``: index a breach's e-mails and phones (keyed hashes only), look one up, retire a breach."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from breachlens.cli._output import ListFormat, check_lang, echo_json_lines, number, print_table

app = typer.Typer(help="The exposure index: which breaches hold an e-mail address or phone number (keyed hashes "
                       "only), served by `breachlens serve` as a Have I Been Pwned-compatible API.",
                  no_args_is_help=True)


def _breach_date(value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import datetime

    from breachlens.errors import InputError

    for pattern, pad in (("%Y-%m-%d", ""), ("%Y-%m", "-01"), ("%Y", "-01-01")):
        try:
            datetime.strptime(value, pattern)
        except ValueError:
            continue
        return value + pad
    raise InputError("not a date", input=f"--date {value}", hint="write it as 2024, 2024-03 or 2024-03-13")


@app.command("add")
def add(
    file: Annotated[Path, typer.Argument(help="The dump: CSV/TSV, JSON, JSON Lines, SQL dump, XLSX, possibly "
                                         "inside .gz or .zip.", show_default=False)],
    breach: Annotated[str, typer.Option("--breach", help="The breach's name (letters, digits, - _ .), e.g. "
                                        "france-travail-2024; adding it again replaces it.", show_default=False)],
    title: Annotated[str | None, typer.Option("--title", help="Its title (default: the name).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="When it happened: 2024, 2024-03 or 2024-03-13.")] = None,
    domain: Annotated[str | None, typer.Option("--domain", help="The breached organisation's domain.")] = None,
    description: Annotated[str | None, typer.Option("--description", help="One paragraph about it.")] = None,
    data_class: Annotated[list[str] | None, typer.Option("--data-class", help="A data class it exposed, in the "
                          "catalogue's words (repeatable; default: from the columns found).")] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="The victim's sector (knowledge/sectors.yaml key, "
                                               "e.g. recruitment): picks the advice.")] = None,
    public: Annotated[bool, typer.Option("--public", help="Also keep SHA-1 hashes, so the range API and the public "
                                         "lookup page answer for this breach.")] = False,
    sensitive: Annotated[bool, typer.Option("--sensitive", help="Shown only to the owner's key (a key scoped to "
                                            "the address's domain).")] = False,
    unverified: Annotated[bool, typer.Option("--unverified", help="Not verified (hidden with "
                                             "includeUnverified=false).")] = False,
    fabricated: Annotated[bool, typer.Option("--fabricated", help="Flag it as fabricated.")] = False,
    spam_list: Annotated[bool, typer.Option("--spam-list", help="Flag it as a spam list.")] = False,
    member: Annotated[str | None, typer.Option("--member", help="The file to read inside a .zip.")] = None,
    region: Annotated[str, typer.Option("--region", help="Country of national phone numbers (ISO code).")] = "FR",
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Hashing processes (default: one per "
                                                "core).")] = None,
) -> None:
    """Index a breach: the keyed hashes of its e-mail addresses and phone numbers (nothing in clear).

    The e-mail and phone columns are found by the sample detectors; `exposure check` and the API then find them.

    Example: breachlens exposure add dump.csv --breach france-travail-2024 --title "France Travail" --date 2024-03
    --domain francetravail.fr --sector recruitment --public
    """
    from breachlens import knowledge
    from breachlens.assess.novelty import breach_categories
    from breachlens.cli.sample import _progress
    from breachlens.errors import InputError
    from breachlens.exposure.ingest import index_file
    from breachlens.exposure.keys import normalise_domain
    from breachlens.model import Breach

    if sector is not None and sector not in knowledge.load("sectors").sectors:
        raise InputError("unknown sector", input=f"--sector {sector}",
                         hint="use a key of knowledge/sectors.yaml, e.g. recruitment, healthcare, telecom")
    if public and sensitive:
        raise InputError("a sensitive breach cannot be public", input="--public --sensitive",
                         hint="drop one of them")
    named = sorted(set(breach_categories(data_class)) - {"other"}) if data_class else []
    record = Breach(name=breach, title=title or breach, domain=normalise_domain(domain) if domain else None,
                    breach_date=_breach_date(date), data_classes=list(data_class or []), data_categories=named,
                    description=description, verified=not unverified, fabricated=fabricated, sensitive=sensitive,
                    spam_list=spam_list)
    with _progress(f"reading {file.name}") as progress:
        indexed, hashed = index_file(file, record, public=public, sector=sector, member=member, region=region,
                                     workers=workers, progress=progress)
    typer.echo(f"indexed {indexed.breach.name}: {number(indexed.identifiers)} identifiers "
               f"({number(hashed.emails)} e-mail and {number(hashed.phones)} phone values) from "
               f"{number(hashed.rows)} rows of {file.name}" + (", public" if public else ""))


@app.command("check")
def check(
    identifier: Annotated[str, typer.Argument(help="An e-mail address or a phone number.", show_default=False)],
    lang: Annotated[str, typer.Option("--lang", "-l", help="Language of the advice: en or fr.")] = "en",
    region: Annotated[str, typer.Option("--region", help="Country of a national phone number.")] = "FR",
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table (text) or json")] = ListFormat.table,
) -> None:
    """Which indexed breaches hold this identifier, what they exposed, and what to do.

    Example: breachlens exposure check someone@example.fr --lang fr
    """
    from breachlens.exposure.advice import exposure_of
    from breachlens.exposure.normalise import normalise_identifier
    from breachlens.exposure.service import ExposureService

    check_lang(lang)
    found = normalise_identifier(identifier, region)
    breaches = ExposureService().account(found, None, everything=True)
    result = exposure_of(found.kind, breaches, lang)
    if fmt is ListFormat.json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    fr = lang == "fr"
    if not breaches:
        typer.echo("Introuvable dans les fuites indexées." if fr else "Not found in the indexed breaches.")
        return
    typer.echo(f"Trouvé dans {len(breaches)} fuite(s) :" if fr else f"Found in {len(breaches)} breach(es):")
    from breachlens.report.rules import category_label

    for item in result.breaches:
        flags = [f for f, on in (("sensible" if fr else "sensitive", item.sensitive),
                                 ("non vérifiée" if fr else "unverified", not item.verified)) if on]
        # the categories in the reader's language; the catalogue's own data classes (English) when none
        exposed = [category_label(key, lang) for key in item.data_categories] or item.data_classes
        typer.echo(f"- {item.title} ({item.name}{', ' + item.breach_date if item.breach_date else ''})"
                   f"{' [' + ', '.join(flags) + ']' if flags else ''}: {', '.join(exposed)}")
    typer.echo("Que faire :" if fr else "What to do:")
    for advice in result.advice:
        typer.echo(f"- {advice.text}")


@app.command("list")
def list_breaches(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, or json (one per line)")] =
        ListFormat.table,
) -> None:
    """The indexed breaches, with their counts and flags.

    Example: breachlens exposure list --format json
    """
    from breachlens.exposure.index import ExposureIndex

    breaches = ExposureIndex().breaches()
    if fmt is ListFormat.json:
        echo_json_lines({**b.breach.model_dump(mode="json"), "identifiers": b.identifiers, "public": b.public,
                         "sector": b.sector} for b in breaches)
        return

    def flags(b: object) -> str:
        from breachlens.model import IndexedBreach

        assert isinstance(b, IndexedBreach)
        on = [("public", b.public), ("sensitive", b.breach.sensitive), ("unverified", not b.breach.verified),
              ("retired", b.breach.retired), ("spam list", b.breach.spam_list),
              ("fabricated", b.breach.fabricated)]
        return ", ".join(name for name, value in on if value)

    print_table(f"Indexed breaches ({len(breaches)})", ["name", "title", "date", ("identifiers", "right"),
                                                        "flags"],
                ([b.breach.name, b.breach.title, b.breach.breach_date or "", number(b.identifiers), flags(b)]
                 for b in breaches),
                empty="No breach indexed yet: breachlens exposure add FILE --breach NAME")


@app.command("retire")
def retire(name: Annotated[str, typer.Argument(help="The breach's name.", show_default=False)]) -> None:
    """Retire a breach: its hashes are dropped (nobody is found in it any more), its metadata stays, flagged.

    Example: breachlens exposure retire france-travail-2024
    """
    from breachlens.exposure.domains import AliasStore
    from breachlens.exposure.index import ExposureIndex

    retired = ExposureIndex().retire(name)
    AliasStore().remove(retired.number)
    typer.echo(f"retired {retired.breach.name}")


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The breach's name.", show_default=False)]) -> None:
    """Remove a breach from the index entirely: its hashes and its metadata.

    Example: breachlens exposure remove france-travail-2024
    """
    from breachlens.exposure.domains import AliasStore
    from breachlens.exposure.index import ExposureIndex

    removed = ExposureIndex().remove(name)
    AliasStore().remove(removed.number)
    typer.echo(f"removed {removed.breach.name}")
