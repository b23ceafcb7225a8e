"""The verification report of a leaked sample, in Markdown (readable as plain text in a terminal), en or fr.

Only what the report model holds is shown: counts, rates, redacted examples, never a value in clear.

Example::

    print(render_sample_report(verify_sample("dump.csv"), "fr"))
"""

from __future__ import annotations

from typing import Any

from breachlens.model import SampleReport

__all__ = ["render_sample_report"]

_WORDS: dict[str, dict[str, Any]] = {
    "en": {"title": "Sample verification", "verdict": "Verdict", "read": "File", "columns": "Columns",
           "checks": "Checks", "overlaps": "Overlap with registered dumps", "flows": "Possible source flows",
           "claim": "Against the claim", "rows": "rows", "duplicates": "duplicate rows", "damage": "Damage",
           "head": ("column", "holds", "filled", "valid", "distinct", "range", "examples"),
           "check_head": ("check", "looked at", "failed", "", "reason"), "suspicious": "suspicious",
           "canaries": "canary records", "similarity": "schema similarity", "none": "none",
           "verdicts": {"plausible": "plausible (looks like real data)", "recycled": "recycled (already known)",
                        "fabricated": "fabricated", "inconclusive": "inconclusive"}},
    "fr": {"title": "Vérification d'échantillon", "verdict": "Verdict", "read": "Fichier", "columns": "Colonnes",
           "checks": "Contrôles", "overlaps": "Recouvrement avec les fichiers enregistrés",
           "flows": "Flux d'origine possibles", "claim": "Par rapport à l'annonce", "rows": "lignes",
           "duplicates": "lignes en double", "damage": "Dommages",
           "head": ("colonne", "contient", "remplies", "valides", "distinctes", "période", "exemples"),
           "check_head": ("contrôle", "examinés", "en échec", "", "raison"), "suspicious": "suspect",
           "canaries": "enregistrements canaris", "similarity": "similarité de schéma", "none": "aucun",
           "verdicts": {"plausible": "plausible (ressemble à des données réelles)",
                        "recycled": "recyclé (déjà connu)", "fabricated": "fabriqué",
                        "inconclusive": "indéterminé"}},
}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def render_sample_report(report: SampleReport, lang: str = "en") -> str:
    """The report as Markdown."""
    w = _WORDS.get(lang, _WORDS["en"])
    read = report.read
    lines = [f"# {w['title']}: {_cell(read.source)}", "",
             f"**{w['verdict']}: {w['verdicts'][report.verdict.value]}**", ""]
    lines += [f"- {_cell(reason)}" for reason in report.reasons]
    where = ", ".join(x for x in (read.format, read.encoding, read.container,
                                  f"member {read.member}" if read.member else None,
                                  f"delimiter {read.delimiter!r}" if read.delimiter else None) if x)
    lines += ["", f"## {w['read']}", "",
              f"{read.rows:,} {w['rows']} ({where}); {report.duplicate_rows:,} {w['duplicates']}"]
    if read.damage:
        lines += ["", f"{w['damage']}:"] + [f"- {_cell(d)}" for d in read.damage[:20]]
    lines += ["", f"## {w['columns']}", "", "| " + " | ".join(w["head"]) + " |",
              "|" + "---|" * len(w["head"])]
    for c in report.columns:
        holds = c.kind or "?"
        if c.category and c.category != c.kind:
            holds += f" ({c.category})"
        period = f"{c.oldest} … {c.newest}" if c.oldest else ""
        lines.append(f"| {_cell(c.name)} | {holds} | {_share(c.filled, c.rows)} | "
                     f"{_share(c.valid, c.matched) if c.kind else ''} | {c.distinct or 0:,} | {period} | "
                     f"{_cell(', '.join(c.examples))} |")
    if report.checks:
        lines += ["", f"## {w['checks']}", "", "| " + " | ".join(w["check_head"]) + " |", "|---|---|---|---|---|"]
        for check in report.checks:
            flag = f"**{w['suspicious']}**" if check.suspicious else ""
            lines.append(f"| {check.name} | {check.checked:,} | {check.failed:,} | {flag} | {_cell(check.reason)} |")
    lines += ["", f"## {w['overlaps']}", ""]
    lines += [f"- {o.dump}: {o.shared:,} / {o.sample_identifiers:,} ({o.ratio:.0%}, {o.method})"
              for o in report.overlaps] or [f"- {w['none']}"]
    if report.flows:
        lines += ["", f"## {w['flows']}", ""]
        for flow in report.flows:
            figures = (f"{flow.canaries} {w['canaries']}" if flow.canaries
                       else f"{w['similarity']} {flow.schema_similarity:.0%}")
            lines.append(f"- **{_cell(flow.flow)}**: {figures}" + (f" — {_cell('; '.join(flow.reasons))}"
                                                                 if flow.reasons else ""))
    if report.claim_comparison:
        lines += ["", f"## {w['claim']}", ""] + [f"- {_cell(line)}" for line in report.claim_comparison]
    return "\n".join(lines) + "\n"
