"""Whether two names are one person: shared keys across records, near spellings within one text."""

from __future__ import annotations

from longarm.names.people import name_tokens, same_person, spelled_alike, words_within


def test_a_shorter_name_within_a_longer_is_one_person() -> None:
    assert same_person(name_tokens("Ahmad Nissi"), name_tokens("Ahmad Mola Nissi"))
    assert same_person(name_tokens("Rouhollah Zam"), name_tokens("Ruhollah Zam"))


def test_a_common_given_name_alone_is_not_a_person() -> None:
    assert not same_person(name_tokens("Mohammad"), name_tokens("Mohammad Reza Kolahi"))
    assert not same_person(name_tokens("Ali Karimi"), name_tokens("Ali Rezaei"))
    assert not same_person((), name_tokens("Kolahi"))


def test_two_spellings_in_one_text_are_one_person() -> None:
    assert spelled_alike("Alexei Navalny", "Aleksei Navalny")
    assert spelled_alike("Jane Doerr", "J. Doer")  # same initial, near surname
    assert not spelled_alike("Jane Doe", "Mark Stone")


def test_words_within_compares_folded_words() -> None:
    assert words_within("navalny", "Alexei Navalny")
    assert not words_within("Yulia Navalnaya", "Alexei Navalny")
