"""How hard each role's slot model is shrunk when it is fitted."""

from __future__ import annotations

from typing import Any

import pytest
import training.train_extract as train_extract

from longarm.ingestion.extract.decisions import LinearModel
from longarm.ingestion.extract.slots import ROLES


def test_the_date_model_is_shrunk_harder_than_the_other_roles(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = {role: ([{"kind=x": 1.0}], [1]) for role in ROLES}
    monkeypatch.setattr(train_extract, "slot_rows", lambda *_: rows)
    seen: dict[int, float] = {}

    def fit(found: list[dict[str, float]], labels: list[int], *, c: float) -> LinearModel:
        seen[id(found)] = c
        return LinearModel(weights={}, intercept=0.0)

    monkeypatch.setattr(train_extract, "_fit", fit)
    none: Any = None
    train_extract.fit_slot_models([], none, none)
    strength = {role: seen[id(rows[role][0])] for role in ROLES}
    assert strength["date"] < strength["victim"] == strength["place"] == 0.5
