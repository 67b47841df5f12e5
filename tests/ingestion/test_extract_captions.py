"""Photo captions a stored page keeps: what the picture shows is not what the story reports."""

from __future__ import annotations

import pytest

from longarm.ingestion.extract import extract_text
from longarm.ingestion.extract.captions import is_caption

STORY = """Exiled journalist shot dead in Rotterdam

In this file photo taken on March 3, 2021, Karel Jansen (left) mourns where the journalist was shot dead. - AFP

Exiled Syrian journalist Omar Haddad was shot dead outside his home in Rotterdam, Dutch police said. Haddad had fled \
Syria and ran an opposition news site from the Netherlands.
"""


@pytest.mark.parametrize(
    "paragraph",
    [
        "In this file photo taken on May 2, 2020, the activist speaks to the press. - AFP",
        "File photo: the consulate in Istanbul",
        "Pictured: the flat where the exile lived",
        "Jan Vos (left) and Piet Smit (right) leave the court on Thursday. - AFP",
        "Ms Vos (centre) at a rally in 2019 / Getty Images",
        "Jan Vos (right) speaks during the hearing. [Piet Smit/Mizan News/AFP]",
    ],
)
def test_captions_are_recognised(paragraph: str) -> None:
    assert is_caption(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The exile was convicted in February by a Belgian court (AFP)",  # a story's sentence that cites its agency
        "The picture he painted of the regime was bleak.",
        "Jan Vos (left the country in 2012) was shot dead in Almere.",
        "PARIS (AFP) - A dissident was stabbed in Paris on Monday.",
    ],
)
def test_story_paragraphs_are_not_captions(paragraph: str) -> None:
    assert not is_caption(paragraph)


def test_a_caption_gives_the_act_neither_a_victim_nor_a_date() -> None:
    (incident,), _ = extract_text(STORY, published="2021-06-01")
    assert [v["name"] for v in incident["victims"]] == ["Omar Haddad"]
    assert incident["date"] is None or not incident["date"]["start"].startswith("2021")
    assert all("Jansen" not in e["quote"] and "March 3" not in e["quote"] for e in incident["evidence"])
