"""Lifecycle links: expected agreements to their signature, planned launches to their flight."""

from __future__ import annotations

from spacecoop.resolve import resolve_all
from tests.test_resolve_support import make_document, make_fact, small_knowledge


def test_lifecycle_expected_agreement_is_realised_by_the_later_signature():
    docs = [make_document("plan", "x", "2017-07"), make_document("deal", "y", "2018-06-15")]
    facts = [
        make_fact(
            "agreement",
            "plan",
            status="expected",
            parties=["CNES", "Roscosmos"],
            title="framework bilateral agreement to develop space science",
        ),
        make_fact(
            "agreement",
            "deal",
            date="2018-06-15",
            status="signed",
            parties=["CNES", "Roscosmos"],
            title="framework cooperation agreement on space science",
        ),
        make_fact(
            "agreement",
            "deal",
            date="2018-06-15",
            status="signed",
            parties=["CNES", "Roscosmos"],
            title="agreement on a joint Venus balloon",
            start=200,
        ),
    ]
    resolution = resolve_all(facts, docs, small_knowledge())
    by_id = {e.id: e for e in resolution.events}
    (link,) = resolution.links
    assert link.kind == "realised_as"
    assert by_id[link.from_event].status == "expected"
    assert by_id[link.to_event].args["title"] == "framework cooperation agreement on space science"


def test_lifecycle_expected_agreement_on_another_subject_is_not_linked():
    docs = [make_document("plan", "x", "2016-04-19"), make_document("deal", "y", "2018-06-15")]
    facts = [
        make_fact(
            "agreement",
            "plan",
            date="2016",
            status="expected",
            parties=["CNES", "Roscosmos"],
            title="solar system exploration, solar physics, life and material sciences in microgravity",
        ),
        make_fact(
            "agreement",
            "deal",
            date="2018-06-15",
            status="signed",
            parties=["CNES", "Roscosmos"],
            title="framework agreement on space science",
        ),
    ]
    assert resolve_all(facts, docs, small_knowledge()).links == ()


def test_lifecycle_the_first_launch_of_a_rocket_from_a_site_planned_then_flown_is_one_launch():
    docs = [make_document("old", "x", "2007-02-22"), make_document("new", "y", "2011-10-21")]
    facts = [
        make_fact(
            "launch",
            "old",
            "The first Soyuz launch from Europe's Spaceport is scheduled for 2008.",
            date="2008",
            status="planned",
            vehicle="Soyuz",
            site="Europe's Spaceport",
        ),
        make_fact(
            "launch",
            "new",
            "The first Soyuz launch from the Guiana Space Centre lifted off today.",
            date="2011-10-21",
            status="done",
            vehicle="Soyuz",
            site="Guiana Space Centre",
        ),
        make_fact(
            "launch",
            "new",
            "The first two Soyuz flights into transfer orbit from Kourou came in 2017.",
            date="2017",
            status="done",
            vehicle="Soyuz",
            site="Kourou",
            start=400,
        ),
    ]
    resolution = resolve_all(facts, docs, small_knowledge())
    # There is one first launch of a rocket from a site: the plan and the flight are one launch,
    # the slip noted; "the first two flights into transfer orbit" are other launches.
    first = next(e for e in resolution.events if len(e.sources) == 2)
    assert first.status == "done" and first.date == "2011-10-21"
    assert any("planned for 2008 (old)" in c for c in first.conflicts)
    assert len(resolution.events) == 2 and resolution.links == ()


def test_lifecycle_planned_payload_flown_on_time_is_realised():
    docs = [make_document("old", "x", "2018-06-15"), make_document("new", "y", "2019-05-01")]
    facts = [
        make_fact("launch", "old", date="2019", status="planned", payloads=["Bion-M2"]),
        make_fact(
            "launch",
            "new",
            date="2019-08-30",
            status="done",
            vehicle="Soyuz",
            payloads=["Bion-M2"],
            site="Baikonur",
        ),
    ]
    resolution = resolve_all(facts, docs, small_knowledge())
    # Compatible dates and one payload: one launch that was planned and flew, not two linked ones.
    (event,) = [e for e in resolution.events if e.type == "launch"]
    assert event.status == "done" and len(event.sources) == 2


def test_lifecycle_planned_spacecraft_flown_a_year_later_is_one_launch_that_slipped():
    docs = [make_document("old", "x", "2018-06-15"), make_document("new", "y", "2020-05-01")]
    facts = [
        make_fact("launch", "old", date="2019", status="planned", payloads=["Bion-M2"]),
        make_fact("launch", "new", date="2020-03", status="done", payloads=["Bion-M2"]),
    ]
    resolution = resolve_all(facts, docs, small_knowledge())
    # One spacecraft flies once: the plan and the flight are one launch, the slip noted.
    (event,) = [e for e in resolution.events if e.type == "launch"]
    assert event.status == "done" and event.date == "2020-03" and len(event.sources) == 2
    assert any("planned for 2019 (old)" in c and "flew 2020-03" in c for c in event.conflicts)
    assert resolution.links == ()
