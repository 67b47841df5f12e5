"""Known actors: ids from aliases, transliterations and near spellings; the registry's shape."""

from __future__ import annotations

import json
from importlib import resources

from longarm.ingestion.extract.actors import find_actors


def _ids(text: str) -> list[str]:
    return [m.actor.id for m in find_actors(text)]


def test_registry_rows_have_the_shape_the_actor_table_loads() -> None:
    rows = json.loads(resources.files("longarm.data").joinpath("actors.json").read_text(encoding="utf-8"))
    assert all(set(row) == {"id", "name", "kind", "country", "aliases"} for row in rows)
    ids = {row["id"] for row in rows}
    for known in (
        "IR.MOIS",
        "IR.IRGC",
        "IR.IRGC.QF",
        "IR.IRGC.QF.U840",
        "IR.IRGC.IO",
        "IR.GOV",
        "LB.HEZBOLLAH",
        "PS.HAMAS",
        "MEK",
        "NCRI",
        "KDPI",
        "ASMLA",
        "CN.MSS",
        "RU.FSB",
        "RU.GRU",
        "SA.GIP",
    ):
        assert known in ids


def test_aliases_and_acronyms() -> None:
    assert _ids("officers of the Pasdaran and VAJA") == ["IR.IRGC", "IR.MOIS"]
    assert _ids("the Qods Force") == ["IR.IRGC.QF"]


def test_fuzzy_spelling_of_a_long_name() -> None:
    assert _ids("members of the Mojahedeen-e-Khalq met") == ["MEK"]


def test_an_alias_inside_a_longer_name_is_not_the_actor() -> None:
    assert _ids("the Islamic Republic News Agency") == []


def test_other_origin_states() -> None:
    assert _ids("the Federal Security Service and Saudi intelligence") == ["RU.FSB", "SA.GIP"]


def test_agencies_of_states_the_registry_knew_no_body_of() -> None:
    assert _ids("officers of DINA, the Rapid Action Battalion and the Yugoslav secret police") == [
        "CL.DINA",
        "BD.RAB",
        "YU.UDBA",
    ]
    assert _ids("the Ugandan army and Bulgarian State Security") == ["UG.UPDF", "BG.DS"]


def test_a_possessive_ends_a_chain_of_owners() -> None:
    assert _ids("the FSB's agents followed him") == ["RU.FSB"]
    assert [m.surface for m in find_actors("China's Ministry of State Security's officers")] == [
        "China's Ministry of State Security's"
    ]
