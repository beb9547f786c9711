"""Several outlets reporting one signing or launch, through the real pipeline: merged into one event
each, while a different agreement of the same parties stays apart. The texts are written for this test."""

from __future__ import annotations

import pytest

from spacecoop.knowledge import load_knowledge
from spacecoop.resolve import resolve_all

OUTLETS = {
    "wire_webb": (
        "Webb telescope lifts off\nKourou, 25 December 2021\n\nAn Ariane 5 rocket lifted off from Europe's "
        "Spaceport in Kourou on Saturday carrying the James Webb Space Telescope, a joint mission of NASA, "
        "ESA and the Canadian Space Agency.\n"
    ),
    "daily_webb": (
        "Space news, 26 December 2021\n\nThe James Webb Space Telescope was launched yesterday on an "
        "Ariane 5 from the Guiana Space Centre.\n"
    ),
    "wire_moon": (
        "Tokyo, 14 October 2020\n\nNASA and the Japan Aerospace Exploration Agency signed an agreement on "
        "lunar exploration on 13 October 2020 in Tokyo.\n"
    ),
    "daily_moon": (
        "Washington, 15 October 2020\n\nJAXA and NASA signed an agreement on lunar exploration on Tuesday, "
        "the two agencies said.\n"
    ),
    "other_deal": (
        "Paris, 3 March 2021\n\nNASA and JAXA signed a separate agreement on Earth science data on 2 March 2021.\n"
    ),
}


@pytest.fixture(scope="module")
def resolution(nlp):
    from spacecoop.pipeline import analyze
    from spacecoop.sources import read_source

    documents = [read_source(f"{key}.txt", text.encode()) for key, text in OUTLETS.items()]
    facts = [fact for document in documents for fact in analyze(document, nlp).facts]
    return resolve_all(facts, documents, load_knowledge())


@pytest.mark.slow
def test_outlets_one_launch_reported_twice_is_one_event(resolution):
    launches = [e for e in resolution.events if e.type == "launch"]
    assert len(launches) == 1
    assert {s.doc_key for s in launches[0].sources} == {"wire_webb", "daily_webb"}
    assert launches[0].date == "2021-12-25" and launches[0].status == "done"


@pytest.mark.slow
def test_outlets_one_signing_merges_and_another_agreement_stays_apart(resolution):
    agreements = sorted((e for e in resolution.events if e.type == "agreement"), key=lambda e: e.date or "")
    assert [sorted(s.doc_key for s in e.sources) for e in agreements] == [
        ["daily_moon", "wire_moon"],
        ["other_deal"],
    ]
    assert agreements[0].args["parties"] == ["JAXA", "NASA"]
