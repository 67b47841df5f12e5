"""Codes as people read them."""

from __future__ import annotations

from longarm.incidents.vocabulary import Tactic
from longarm.names.labels import TACTIC_TITLES, label


def test_codes_read_as_words() -> None:
    assert label("coercion_by_proxy") == "Coercion by proxy"
    assert label("official") == "Official statement"
    assert label("news_report") == "News report"
    assert label(None) == label("") == "—"


def test_every_tactic_has_a_title_word() -> None:
    assert set(TACTIC_TITLES) == {tactic.value for tactic in Tactic}
