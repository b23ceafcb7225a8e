"""Folding names and places: the ASCII shortcut gives what the full Unicode decomposition gives."""

from __future__ import annotations

import unicodedata

from hypothesis import assume, given
from hypothesis import strategies as st

from breachlens.samples.detectors.lexicon import fold
from breachlens.samples.reference import fold_place


def _fold_by_decomposing(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@given(st.text(alphabet=st.characters(max_codepoint=0x17F), max_size=30))
def test_fold_is_the_decomposition(text: str) -> None:
    assert fold(text) == _fold_by_decomposing(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=30))
def test_fold_place_of_ascii_is_that_of_its_accented_twin(text: str) -> None:
    """An ASCII name (the shortcut) folds as the same name with an accent on its last letter (decomposed)."""
    assume(text and text[-1].isalpha())
    assert fold_place(text) == fold_place(text + "\u0301")


def test_examples() -> None:
    assert fold("Hélène") == "helene" and fold("Straße") == "strasse" and fold("DUPONT") == "dupont"
    assert fold_place("Saint-Étienne") == "ST ETIENNE" and fold_place("Paris 11e") == "PARIS"
    assert fold_place("sainte-foy") == "STE FOY"
