"""Knowledge as data: the YAML files beside this module, validated when loaded.

Each file has one schema in :mod:`breachlens.knowledge.schemas`. ``load(name)`` reads the packaged file, then
merges any file of the same name an analyst put in ``$BREACHLENS_HOME/knowledge/`` (or the folders listed in
``BREACHLENS_KNOWLEDGE``, separated by ``os.pathsep``): lists are extended, mappings updated key by key. So adding
a French synonym, an organisation or a regulator is a one-line data change, with no Python to touch.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from breachlens.errors import KnowledgeError
from breachlens.knowledge import schemas

__all__ = ["load", "knowledge_dirs", "fold"]

HERE = Path(__file__).parent

SCHEMAS: dict[str, type[BaseModel]] = {
    "categories": schemas.Categories,
    "countries": schemas.Countries,
    "sectors": schemas.Sectors,
    "venues": schemas.Venues,
    "actors": schemas.Actors,
    "organisations": schemas.Organisations,
    "authorities": schemas.Authorities,
    "lexicon": schemas.Lexicon,
    "report_rules": schemas.ReportRules,
    "enisa": schemas.Enisa,
    "credibility": schemas.CredibilityRules,
    "samples": schemas.Samples,
    "sample_checks": schemas.SampleChecks,
    "advice": schemas.AdviceRules,
    "exports": schemas.Exports,
}

try:  # the C loader is ten times faster; fall back where libyaml is missing
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader that refuses a key written twice in one mapping: YAML would keep the last one silently, so
    two people adding the same cue name would lose one list of terms without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} is written twice",
                                                        key_node.start_mark)
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def knowledge_dirs() -> list[Path]:
    """Folders whose YAML files extend the packaged knowledge, in the order they are applied."""
    dirs: list[Path] = []
    extra = os.environ.get("BREACHLENS_KNOWLEDGE")
    if extra:
        dirs.extend(Path(p) for p in extra.split(os.pathsep) if p)
    home = os.environ.get("BREACHLENS_HOME")
    if home:
        dirs.append(Path(home) / "knowledge")
    return [d for d in dirs if d.is_dir()]


def _read(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)
    except OSError as exc:
        raise KnowledgeError(f"cannot read knowledge file: {exc.strerror}", input=str(path)) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"not valid YAML: {exc}", input=str(path)) from exc


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


@cache
def load(name: str) -> Any:
    """The validated model of knowledge file ``name`` (``categories``, ``countries``, ...)."""
    if name not in SCHEMAS:
        raise KnowledgeError(f"unknown knowledge file {name!r}; known: {', '.join(sorted(SCHEMAS))}")
    path = HERE / f"{name}.yaml"
    data = _read(path)
    sources = [str(path)]
    for folder in knowledge_dirs():
        extra_path = folder / f"{name}.yaml"
        if extra_path.is_file():
            data = _merge(data, _read(extra_path))
            sources.append(str(extra_path))
    try:
        return SCHEMAS[name].model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise KnowledgeError(
            f"does not validate at {where}: {first['msg']} ({exc.error_count()} error(s))",
            input=" + ".join(sources),
            hint="fix the entry or remove the override file",
        ) from exc


def fold(text: str) -> str:
    """Case- and accent-insensitive form used by every lexicon match (length-preserving per character)."""
    from breachlens.extract.text import fold as _fold

    return _fold(text)
