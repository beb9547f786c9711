"""Confidence and conflicts across sources: only independent documents add certainty, and only
documents that disagree with each other make a conflict."""

from __future__ import annotations

from spacecoop.resolve import resolve_all
from tests.test_resolve_support import make_fact, small_knowledge


def _one_event(facts):
    (event,) = [e for e in resolve_all(facts, (), small_knowledge()).events if e.type != "role"]
    return event


def _launch(doc, evidence, date="2022-03-04", confidence=0.8, start=0, place=None, **extra):
    return make_fact(
        "launch",
        doc,
        evidence,
        date=date,
        status="done",
        confidence=confidence,
        start=start,
        vehicle="Vega",
        payloads=["Lumen-3"],
        **extra,
    )


def test_sources_two_sentences_of_one_document_are_one_source():
    facts = [
        _launch("gazette", "A Vega rocket carried Lumen-3 to orbit on 4 March 2022.", confidence=0.8),
        _launch("gazette", "Lumen-3 rode a Vega on 4 March 2022.", confidence=0.6, start=200),
    ]
    event = _one_event(facts)
    assert len(event.sources) == 2
    # Not 1 - 0.2 * 0.4 = 0.92: the second sentence is the same witness.
    assert event.confidence == 0.8


def test_sources_two_documents_add_certainty_but_a_reprint_does_not():
    story = "A Vega rocket carried the Lumen-3 weather satellite into orbit from Kourou on 4 March 2022."
    independent = [
        _launch("gazette", story, confidence=0.8),
        _launch("courier", "Lumen-3 went up on a Vega on 4 March 2022.", confidence=0.6),
    ]
    assert _one_event(independent).confidence == 0.92
    reprinted = [_launch("gazette", story, confidence=0.8), _launch("syndicate", story, confidence=0.8)]
    event = _one_event(reprinted)
    assert len(event.sources) == 2
    assert event.confidence == 0.8


def test_sources_dates_that_disagree_within_one_document_are_no_conflict():
    facts = [
        _launch("gazette", "Lumen-3 lifted off on 4 March 2022.", date="2022-03-04"),
        _launch("gazette", "The flight of 5 March 2022 carried Lumen-3.", date="2022-03-05", start=300),
    ]
    event = _one_event(facts)
    assert event.date == "2022-03"
    assert event.conflicts == ()


def test_sources_dates_that_disagree_between_documents_are_a_conflict_naming_both():
    facts = [
        _launch("gazette", "Lumen-3 lifted off on 4 March 2022.", date="2022-03-04"),
        _launch("courier", "Lumen-3 flew on 5 March 2022.", date="2022-03-05"),
    ]
    (conflict,) = _one_event(facts).conflicts
    assert "2022-03-04 (gazette)" in conflict and "2022-03-05 (courier)" in conflict


def test_sources_places_of_one_document_are_no_conflict_but_of_two_are():
    def signing(doc, place, start=0):
        return make_fact(
            "agreement",
            doc,
            f"ESA and NASA signed the comet dust agreement in {place} on 2 June 2021.",
            date="2021-06-02",
            status="signed",
            start=start,
            parties=["ESA", "NASA"],
            title="comet dust agreement",
            place=place,
        )

    assert _one_event([signing("gazette", "Paris"), signing("gazette", "Vienna", 400)]).conflicts == ()
    (conflict,) = _one_event([signing("gazette", "Paris"), signing("courier", "Vienna")]).conflicts
    assert conflict.startswith("place:") and "courier" in conflict and "gazette" in conflict


def test_sources_one_document_telling_of_the_plan_and_the_flight_is_no_conflict():
    facts = [
        make_fact(
            "launch",
            "gazette",
            "Lumen-3 was due to fly on 4 March 2022.",
            date="2022-03-04",
            status="planned",
            vehicle="Vega",
            payloads=["Lumen-3"],
        ),
        make_fact(
            "launch",
            "gazette",
            "Lumen-3 flew on 4 March 2022.",
            date="2022-03-04",
            status="done",
            vehicle="Vega",
            payloads=["Lumen-3"],
            start=200,
        ),
    ]
    event = _one_event(facts)
    assert event.status == "done" and event.conflicts == ()
    reports = [
        make_fact(
            "launch",
            "preview",
            "Lumen-3 is due to fly on 4 March 2022.",
            date="2022-03-04",
            status="planned",
            vehicle="Vega",
            payloads=["Lumen-3"],
        ),
        make_fact(
            "launch",
            "report",
            "Lumen-3 flew on 4 March 2022.",
            date="2022-03-04",
            status="done",
            vehicle="Vega",
            payloads=["Lumen-3"],
        ),
    ]
    (conflict,) = _one_event(reports).conflicts
    assert conflict.startswith("status: planned in preview")
