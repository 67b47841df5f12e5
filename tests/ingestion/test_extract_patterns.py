"""Whole-word alternations: the matched alternative is named, parts of longer words never match."""

from __future__ import annotations

from longarm.ingestion.extract.patterns import whole_words


def test_whole_words_name_the_alternative_and_skip_parts_of_words() -> None:
    pattern = whole_words(["kill(?:ed)?", "shot dead"], "t")
    found = [(m.group(), m.lastgroup) for m in pattern.finditer("Skilled men Killed him; he was shot dead.")]
    assert found == [("Killed", "t0"), ("shot dead", "t1")]
