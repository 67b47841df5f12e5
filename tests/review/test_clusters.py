"""The queue as clusters: one item per proposed incident; accept, split off, merge, undo; two incidents never merged."""

from __future__ import annotations

import pytest

from longarm.auth.permissions import SYSTEM
from longarm.errors import Conflict
from longarm.incidents.schemas import ExtractedIncident
from longarm.review import service
from longarm.review.clusters import clusters
from longarm.review.comparisons import identifies, levels
from longarm.review.link import LinkIndex
from longarm.review.matching import link_pending
from longarm.review.models import Candidate
from longarm.review.probability import LinkModel, score
from longarm.review.profiles import profile_from_extracted
from longarm.review.queue import pending_items
from longarm.storage.engine import transaction
from tests.cli_runner import longarm
from tests.ingestion.test_ingest import FIRST, SECOND
from tests.review.factories import extracted, queued

PLOT = ("2018-06-30", "2018-06-30", "day")
PLOT_MONTH = ("2018-06-01", "2018-06-30", "month")
DAY_2017 = ("2017-11-08", "2017-11-08", "day")
YEAR_2017 = ("2017-01-01", "2017-12-31", "year")
DELFT = {"place": "Delft", "country": "NL"}
AT_2017 = {"date": YEAR_2017, **DELFT}


def _reports(session, victim: str = "Maryam Rajavi"):  # type: ignore[no-untyped-def]
    """Three reports of one foiled bomb plot, from three sources."""
    return [
        queued(session, extracted(victim=victim, date=PLOT, place="Villepinte", country="FR"), source_id="SRC-A"),
        queued(session, extracted(victim=victim, date=PLOT_MONTH, country="FR"), source_id="SRC-B"),
        queued(session, extracted(victim=victim, date=PLOT_MONTH, place="Villepinte", country="FR"), source_id="SRC-C"),
    ]


def test_reports_of_one_incident_are_one_queue_item_accepted_together(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        reports = _reports(session)
        service.link(session=session, principal=SYSTEM, auto_merge=False)
        items = pending_items(session=session)
        assert len(items) == 1 and {c.id for c in items[0].candidates} == {r.id for r in reports}
        assert items[0].proposal == "a new incident" and items[0].probability is not None
        assert any(reason.startswith("same victim") for reason in items[0].links[0].reasons)
        incident = service.accept_cluster(session=session, candidate_id=reports[1].id, principal=SYSTEM)
        session.refresh(incident)
        assert {claim.source_id for claim in incident.claims} == {"SRC-A", "SRC-B", "SRC-C"}
        assert pending_items(session=session) == []


def test_a_candidate_split_off_is_its_own_item_until_undone(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        reports = _reports(session)
        service.split(session=session, candidate_id=reports[2].id, principal=SYSTEM)
        service.link(session=session, principal=SYSTEM, auto_merge=True)  # a split candidate waits for a person
        assert session.get(Candidate, reports[2].id).status == "pending"
        assert [len(item.candidates) for item in pending_items(session=session)] == [1]
        service.undo(session=session, candidate_id=reports[2].id, principal=SYSTEM)
        items = pending_items(session=session)
        assert len(items) == 1 and items[0].proposal.startswith("joins incident")


def test_two_known_incidents_are_never_merged_automatically(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        first = queued(session, extracted(victim="Maryam Rajavi", date=PLOT, country="FR"), source_id="SRC-A")
        service.accept(session=session, candidate_id=first.id, principal=SYSTEM)
        second = queued(session, extracted(victim="Maryam Rajavi", date=PLOT, country="FR"), source_id="SRC-B")
        service.accept(session=session, candidate_id=second.id, principal=SYSTEM)
        bridge = queued(
            session, extracted(victim="Maryam Rajavi", date=PLOT, place="Villepinte", country="FR"), source_id="SRC-C"
        )
        assert service.link(session=session, principal=SYSTEM, auto_merge=True) == {"pending": 1}
        (item,) = pending_items(session=session)
        assert item.candidates == [bridge] and len(item.incidents) == 2
        with pytest.raises(Conflict):
            service.accept_cluster(session=session, candidate_id=bridge.id, principal=SYSTEM)
        incident = service.merge_cluster(
            session=session, candidate_id=bridge.id, incident_id=item.incidents[0], principal=SYSTEM
        )
        assert bridge.status == "merged" and bridge.incident_id == incident.id


def test_a_weak_match_elsewhere_does_not_hold_back_a_cluster(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        other = queued(session, extracted(date=PLOT_MONTH, country="FR", tactic="threat"), source_id="SRC-OLD")
        service.accept(session=session, candidate_id=other.id, principal=SYSTEM)
        reports = _reports(session)
        decisions = service.link(session=session, principal=SYSTEM, auto_merge=True)
        assert decisions == {"accepted": 1, "merged": 2}
        assert len({session.get(Candidate, r.id).incident_id for r in reports}) == 1


def test_each_act_of_an_article_that_reports_two_links_on_its_own(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        # One article reports a plot against one exile and, further down, a killing in another country.
        plot = extracted(victim="Maryam Rajavi", date=PLOT, place="Villepinte", country="FR", tactic="threat")
        killing = extracted(victim="Ahmad Mola Nissi", date=("2017-11-08", "2017-11-08", "day"), country="NL")
        both = [queued(session, plot, source_id="SRC-BOTH"), queued(session, killing, source_id="SRC-BOTH")]
        plot_only = queued(session, {**plot, "date": None}, source_id="SRC-PLOT")
        killing_only = queued(session, {**killing, "location": None}, source_id="SRC-KILLING")
        service.link(session=session, principal=SYSTEM, auto_merge=True)
        incidents = [session.get(Candidate, c.id).incident_id for c in (*both, plot_only, killing_only)]
    assert incidents[0] == incidents[2] and incidents[1] == incidents[3] and incidents[0] != incidents[1]


def test_the_shell_lists_clusters_and_splits_a_candidate_off(cli_env, tmp_path):  # type: ignore[no-untyped-def]
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert longarm("init").code == 0
    assert longarm("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--published", "2021-06").code == 0
    listed = longarm("review", "list").stdout
    assert "item of 2" in listed and "a new incident" in listed, listed
    candidate = listed.splitlines()[-1].split()[0]
    assert "cluster: a new incident" in longarm("review", "show", candidate).stdout
    assert longarm("review", "split", candidate).code == 0
    assert longarm("review", "list").stdout.count("item of 1") == 2
    assert longarm("review", "undo", candidate).code == 0
    accepted = longarm("review", "accept", candidate)
    assert accepted.code == 0 and "its cluster are incident" in accepted.stdout
    assert longarm("review", "list").stdout.strip() == "no pending candidates"


def test_a_text_that_tells_two_acts_as_one_does_not_chain_their_reports() -> None:
    """Two unlike reports (other victim, other year) each certain of a third that merged both acts stay apart."""
    model = LinkModel(intercept=-1.0, weights={"victim=same": 4.0, "victim=different": -3.0}, certain=0.5, possible=0.1)
    first = extracted(victim="Dara Nouri", date=("2013-12-31", "2013-12-31", "day"), country="ZA")
    second = extracted(victim="Kian Vahedi", date=("2010-06-19", "2010-06-19", "day"), country="ZA")
    both = extracted(victim="Dara Nouri", date=("2010-06-19", "2010-06-19", "day"), country="ZA")
    both["victims"].append({"name": "Kian Vahedi", "aliases": [], "affiliations": []})
    index = LinkIndex(
        [
            profile_from_extracted(ref, ExtractedIncident.model_validate(incident), headline=None)
            for ref, incident in (("a", first), ("b", both), ("c", second))
        ],
        model=model,
    )
    found, ranked = clusters(index, ["c", "b", "a"])
    assert all(match.certain for match in ranked["b"])  # the merged text is certain of both
    assert sorted(cluster.candidates for cluster in found) == [["a", "b"], ["c"]]


def test_the_queue_holds_apart_what_auto_merge_holds_apart(engine):  # type: ignore[no-untyped-def]
    """A report that tells two acts as one is certain of each act's report; the queue does not chain them."""
    day = ("2010-06-19", "2010-06-19", "day")
    with transaction(engine) as session:
        first = queued(
            session,
            extracted(
                victim="Dara Nouri", date=("1999-12-31", "1999-12-31", "day"), place="Johannesburg", country="ZA"
            ),
            source_id="SRC-A",
        )
        second = queued(
            session, extracted(victim="Kian Vahedi", date=day, place="Durban", country="ZA"), source_id="SRC-C"
        )
        both = extracted(victim="Dara Nouri", date=day, place="Johannesburg", country="ZA")
        both["victims"].append({"name": "Kian Vahedi", "aliases": [], "affiliations": []})
        bridge = queued(session, both, source_id="SRC-B")
        service.link(session=session, principal=SYSTEM, auto_merge=False)
        certain = {match.candidate_id for match in bridge.ranked if match.certain}
        assert certain == {first.id, second.id}, bridge.ranked  # the premise: the shipped model chains them
        items = [[c.id for c in item.candidates] for item in pending_items(session=session)]
        found, _ = link_pending(session=session)
        assert sorted(items) == sorted([int(ref.partition(":")[2]) for ref in c.candidates] for c in found)
        assert len(items) == 2


def test_a_report_naming_no_victim_as_likely_as_a_certain_match_does_not_hold_apart_its_reports():
    """A report naming no victim joins its town's killing when the model finds it as likely as a certain match."""
    reports = (
        ("a", "Gunman kills a man in front of his house", extracted(victim="Dara Nouri", date=DAY_2017, **DELFT)),
        ("b", "Dutch police blame Iran for the Delft murder of an exile", extracted(victim="Dara Nouri", **AT_2017)),
        ("c", "Dutch police blame Iran for two murders, Delft exile among them", extracted(**AT_2017)),
    )
    profiles = [
        profile_from_extracted(ref, ExtractedIncident.model_validate(incident), headline=headline)
        for ref, headline, incident in reports
    ]
    weights = {"victim=same": 4.0, "victim=different": -3.0, "wording=close": 1.0}
    likely = LinkModel(intercept=-1.0, weights={**weights, "place=same_place": 2.0}, certain=0.5, possible=0.1)
    # The premise: a and c lack identifying evidence (no victim on one side, little wording in common).
    assert not identifies(levels(profiles[0], profiles[2]))
    found, _ = clusters(LinkIndex(profiles, model=likely), ["a", "b", "c"])
    assert [cluster.candidates for cluster in found] == [["a", "b", "c"]]
    # Less likely than a certain match, the same pair holds the report apart, though it is certain of b.
    unlikely = LinkModel(intercept=-1.0, weights={**weights, "place=same_place": 0.5}, certain=0.5, possible=0.1)
    assert score(profiles[1], profiles[2], model=unlikely).certain
    found, _ = clusters(LinkIndex(profiles, model=unlikely), ["a", "b", "c"])
    assert sorted(cluster.candidates for cluster in found) == [["a", "b"], ["c"]]


def test_victims_sharing_only_a_surname_hold_their_reports_apart_however_likely():
    """Two named victims who are not one person (a surname in common) are two acts, not too little evidence."""
    reports = (
        ("a", extracted(victim="Dara Nouri", date=DAY_2017, place="Rijswijk", country="NL")),
        ("b", extracted(victim="Dara Nouri", **AT_2017)),
        ("c", extracted(victim="Kian Nouri", **AT_2017)),
    )
    profiles = [profile_from_extracted(ref, ExtractedIncident.model_validate(incident)) for ref, incident in reports]
    weights = {"victim=same": 4.0, "victim=name_word": 2.0, "place=same_place": 2.0}
    model = LinkModel(intercept=-1.0, weights=weights, certain=0.5, possible=0.1)
    first, second, third = profiles
    assert score(first, second, model=model).certain and score(second, third, model=model).certain
    other = score(first, third, model=model)
    assert other.score >= model.certain and not other.identifying
    found, _ = clusters(LinkIndex(profiles, model=model), ["a", "b", "c"])
    assert sorted(cluster.candidates for cluster in found) == [["a", "b"], ["c"]]


def test_an_act_told_in_passing_joins_the_incident_of_its_victim_but_founds_none(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        # A report on another case recalls the plot in passing: only the victim ties it to the plot's reports.
        recalled = queued(
            session, {**extracted(victim="Maryam Rajavi", tactic="threat"), "in_passing": True}, source_id="SRC-R"
        )
        assert service.link(session=session, principal=SYSTEM, auto_merge=True) == {"in passing": 1}
        assert session.get(Candidate, recalled.id).status == "pending"
        assert pending_items(session=session)[0].proposal.startswith("told only in passing")
        reports = _reports(session)
        assert service.link(session=session, principal=SYSTEM, auto_merge=True) == {"accepted": 1, "merged": 3}
        joined = {session.get(Candidate, c.id).incident_id for c in (recalled, *reports)}
    assert len(joined) == 1 and None not in joined


def test_an_act_told_in_passing_needs_the_victim_to_be_certain() -> None:
    # Same place, date and tactic, but no victim named on one side: enough for two reports, not for a passing mention.
    report = extracted(victim="Maryam Rajavi", date=PLOT, place="Villepinte", country="FR")
    unnamed = extracted(date=PLOT, place="Villepinte", country="FR")
    profile = profile_from_extracted("candidate:1", ExtractedIncident.model_validate(report))
    other = profile_from_extracted("candidate:2", ExtractedIncident.model_validate(unnamed))
    passing = profile_from_extracted("candidate:3", ExtractedIncident.model_validate({**unnamed, "in_passing": True}))
    assert score(profile, other).identifying and not score(profile, passing).identifying
    named = {**report, "in_passing": True, "date": None, "location": None}
    assert score(profile, profile_from_extracted("candidate:4", ExtractedIncident.model_validate(named))).certain
