"""docs/vocabulary.md is the declarations' own output: a change to a field or a code shows there."""

from __future__ import annotations

from pathlib import Path

from longarm.incidents import vocabulary_doc

DOC = Path(__file__).resolve().parents[2] / "docs" / "vocabulary.md"


def test_the_committed_vocabulary_page_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == vocabulary_doc.render(), (
        "docs/vocabulary.md is stale: run `python -m longarm.incidents.vocabulary_doc > docs/vocabulary.md`"
    )


def test_the_page_names_every_claim_field_and_code() -> None:
    text = vocabulary_doc.render()
    assert all(f"| `{name}` |" in text for name in ("origin_state", "victim", "attribution"))
    assert "`coercion_by_proxy`" in text and "### IncidentRecord" in text
