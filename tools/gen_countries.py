"""Write src/breachlens/knowledge/countries.yaml from the reference data that PyPI packages ship.

Sources (all offline, installed with ``pip install pycountry babel``):

- pycountry: the ISO 3166-1 list (alpha-2 codes, English names, official names) and its gettext
  translations of those names;
- babel (CLDR): country names as each language writes them, and the currency each territory uses;
- tools/country_extras.yaml (hand-written): common forms and abbreviations, names too ambiguous to keep,
  demonyms with their inflections, ccTLDs used as generic TLDs.

Run it from the repository root; the generated file is committed and nothing is downloaded at run time::

    .venv/bin/python tools/gen_countries.py            # writes the YAML
    .venv/bin/python tools/gen_countries.py --check    # exits 1 when the committed file is out of date
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
import unicodedata
from pathlib import Path

import pycountry
import yaml
from babel import Locale
from babel.numbers import get_territory_currencies

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = Path(__file__).resolve().parent / "country_extras.yaml"
OUTPUT = ROOT / "src" / "breachlens" / "knowledge" / "countries.yaml"

LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "nl", "ru")

EU = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})
EEA = EU | {"IS", "LI", "NO"}

# ccTLDs that are not delegated or not in use; the UK uses .uk rather than .gb
TLD_NONE = frozenset({"BL", "BQ", "EH", "MF", "UM"})
TLD_SPECIAL = {"GB": "uk"}
# ccTLDs marketed and used world-wide as generic TLDs (informative; see the Country schema)
TLD_GENERIC = frozenset({"AI", "AS", "CC", "CO", "FM", "GG", "IO", "LY", "ME", "MS", "NU", "SH", "TK", "TO",
                         "TV", "VC", "WS", "GL"})

# words in babel/pycountry names that mark an administrative form nobody writes in a post
_ADMIN = re.compile(r"\b(?:SAR|RAS|RAE|Sonderverwaltungsregion|САР)\b|R\.A\.S\.")


def _clean(name: str) -> list[str]:
    """Usable surface forms of one reference name ("Myanmar (Burma)" -> Myanmar, Burma)."""
    name = name.replace("\u2019", "'").strip()
    if not name or "," in name or _ADMIN.search(name):
        return []
    if " - " in name:  # CLDR's "Congo - Kinshasa": the extras give the written forms
        return []
    # "Myanmar (Burma)", "Saint-Martin (France)": the part in brackets is a qualifier or another country;
    # the extras file gives the alternative names worth keeping
    name = re.sub(r"\s*\(.*?\)\s*$", "", name).strip()
    return [re.sub(r"^(?:the|The) ", "", name)]


def _english_inverted(name: str) -> list[str]:
    """pycountry's "Korea, Republic of" -> "Republic of Korea"; other comma forms are dropped."""
    match = re.match(r"^([^,]+), ((?:The )?[\w ]+ of(?: the)?)$", name)
    if match:
        return [re.sub(r"^the ", "", f"{match.group(2)} {match.group(1)}", flags=re.I)]
    return []


def _add(bucket: list[str], words: list[str]) -> None:
    for word in words:
        if word and word not in bucket:
            bucket.append(word)


def _strip_last_accent(word: str) -> str:
    """alemán -> aleman, francés -> frances (Spanish plurals move the stress)."""
    for index in range(len(word) - 1, -1, -1):
        char = word[index]
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base in "aeiou":
            return word[:index] + base + word[index + 1:]
    return word


def inflect(lang: str, word: str) -> list[str]:
    """The inflected forms of one demonym, the word itself first."""
    forms = [word]
    if " " in word:
        return forms
    if lang == "fr":
        if not word.endswith(("s", "x", "z")):
            forms.append(word + "s")
    elif lang == "es":
        if word.endswith(("í", "ú")):
            forms.append(word + "es")
        elif word[-1] in "aeiou":
            forms.append(word + "s")
        elif word[-1] == "s" and word[-2] not in "áéíóú":
            pass  # already plural-looking
        else:
            forms.append(_strip_last_accent(word) + "es")
    elif lang == "de":
        if word.lower().endswith("isch"):
            forms.extend(word + ending for ending in ("e", "en", "er", "es", "em"))
        elif word[:1].isupper():
            if word.endswith("in"):
                forms.append(word + "nen")
            elif word.endswith("e"):
                forms.append(word + "n")
            elif word.endswith("er"):
                forms.append(word + "n")  # dative plural: den Amerikanern
    return forms


def build() -> dict[str, object]:
    extras = yaml.safe_load(EXTRAS.read_text(encoding="utf-8"))
    extra_names: dict[str, dict[str, list[str]]] = extras.get("names") or {}
    drop: dict[str, list[str]] = extras.get("drop") or {}
    demonyms: dict[str, dict[str, list[str]]] = extras.get("demonyms") or {}
    unknown = (set(extra_names) | set(drop) | set(demonyms)) - {c.alpha_2 for c in pycountry.countries}
    if unknown:
        raise SystemExit(f"country_extras.yaml names unknown codes: {sorted(unknown)}")

    locales = {lang: Locale(lang).territories for lang in LANGUAGES}
    translations = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in LANGUAGES
    }
    countries: dict[str, object] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        names: dict[str, list[str]] = {}
        for lang in LANGUAGES:
            bucket: list[str] = []
            _add(bucket, _clean(locales[lang].get(code, "")))
            for attr in ("common_name", "name", "official_name"):
                value = getattr(country, attr, None)
                if not value:
                    continue
                text = value if lang == "en" else translations[lang].gettext(value)
                if lang != "en" and text == value and attr != "common_name":
                    continue  # untranslated: the English form is already under "en"
                _add(bucket, _clean(text))
                if lang == "en":
                    _add(bucket, _english_inverted(text))
            _add(bucket, (extra_names.get(code) or {}).get(lang, []))
            banned = set(drop.get(code, []))
            bucket = [name for name in bucket if name not in banned]
            if bucket:
                names[lang] = bucket
        entry: dict[str, object] = {"names": names}
        forms = demonyms.get(code) or {}
        if forms:
            entry["demonyms"] = {
                lang: list(dict.fromkeys(form for word in words for form in inflect(lang, word)))
                for lang, words in forms.items()
            }
        if code not in TLD_NONE:
            entry["tld"] = TLD_SPECIAL.get(code, code.lower())
        if code in TLD_GENERIC:
            entry["tld_generic"] = True
        if code in EU:
            entry["eu"] = True
        if code in EEA:
            entry["eea"] = True
        currencies = get_territory_currencies(code, tender=True)
        if currencies:
            entry["currency"] = currencies[0]
        countries[code] = entry
    return {"countries": countries}


def ambiguities(data: dict[str, object]) -> list[str]:
    """Surface forms (folded case) that two countries share: each should belong to one."""
    owners: dict[str, set[str]] = {}
    for code, entry in data["countries"].items():  # type: ignore[union-attr]
        for field in ("names", "demonyms"):
            for words in entry.get(field, {}).values():
                for word in words:
                    owners.setdefault(word.casefold(), set()).add(code)
    return sorted(f"{word}: {sorted(codes)}" for word, codes in owners.items() if len(codes) > 1)


HEADER = """\
# GENERATED by tools/gen_countries.py from pycountry and babel (CLDR) plus tools/country_extras.yaml.
# Do not edit by hand: change the extras file and run `python tools/gen_countries.py`.
#
#   names        official and common names per language (ISO 639-1)
#   demonyms     adjectives and nouns of people, with their inflections
#   tld          country-code TLD; tld_generic: the ccTLD is used world-wide as a generic TLD
#   eu / eea     member of the European Union / of the European Economic Area (GDPR scope)
#   currency     ISO 4217 code of the currency in use
"""


def render(data: dict[str, object]) -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)
    return HEADER + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the committed file is out of date")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data = build()
    for line in ambiguities(data):
        print(f"shared form: {line}", file=sys.stderr)
    text = render(data)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run tools/gen_countries.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {len(data['countries'])} countries to {args.output}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
