"""Merging facts from several documents into events: what merges, what stays apart, conflicts."""

from __future__ import annotations

import random

from spacecoop.resolve import resolve_all, resolve_entities
from spacecoop.resolve.merge import merge_facts
from tests.test_resolve_support import make_document, make_fact, small_knowledge


def _events(facts, docs=(), of_type=None):
    resolution = resolve_all(facts, docs, small_knowledge())
    return [e for e in resolution.events if of_type is None or e.type == of_type]


def test_merge_same_signing_reported_by_three_outlets_is_one_event_with_three_sources():
    facts = [
        make_fact(
            "agreement",
            "wire",
            "ESA and NASA signed a lunar gateway agreement on 3 May 2021.",
            date="2021-05-03",
            status="signed",
            parties=["ESA", "NASA"],
            title="lunar gateway agreement",
        ),
        make_fact(
            "agreement",
            "daily",
            "The European Space Agency and NASA agreed on the Lunar Gateway in May.",
            date="2021-05",
            status="signed",
            parties=["European Space Agency", "NASA"],
            title="Lunar Gateway",
            confidence=0.6,
        ),
        make_fact(
            "agreement",
            "weekly",
            "A gateway cooperation accord for the Moon (lunar gateway) was signed.",
            status="signed",
            parties=["NASA", "ESA"],
            title="cooperation accord on the lunar gateway",
        ),
    ]
    (event,) = _events(facts, of_type="agreement")
    assert event.date == "2021-05-03"
    assert event.args["parties"] == ["ESA", "NASA"]
    assert sorted(s.doc_key for s in event.sources) == ["daily", "weekly", "wire"]
    assert {s.evidence.text for s in event.sources} == {f.evidence.text for f in facts}
    assert {s.confidence for s in event.sources} == {0.8, 0.6}
    assert event.conflicts == ()
    assert event.confidence > 0.8


def test_merge_same_parties_different_subjects_or_years_stay_apart():
    facts = [
        make_fact(
            "agreement",
            "a",
            date="2005",
            status="signed",
            parties=["ESA", "Russia"],
            title="Soyuz launches from the Guiana Space Centre",
        ),
        make_fact(
            "agreement",
            "a",
            date="2005",
            status="signed",
            parties=["ESA", "Russia"],
            title="research and technology development for future launchers",
            start=50,
        ),
        make_fact(
            "agreement",
            "b",
            date="2001",
            status="signed",
            parties=["ESA", "Russia"],
            title="ISS flight order contract",
        ),
        make_fact(
            "agreement",
            "c",
            date="2002",
            status="signed",
            parties=["ESA", "Russia"],
            title="ISS flight order contract",
        ),
    ]
    events = _events(facts, of_type="agreement")
    assert len(events) == 4


def test_merge_undated_report_joins_the_dated_agreement_with_the_same_subject():
    dated = make_fact(
        "agreement",
        "page1",
        date="2003-02-11",
        status="signed",
        parties=["ESA", "Russia"],
        title="Agreement on Cooperation and Partnership in the Exploration and Use of Outer Space",
    )
    undated = make_fact(
        "agreement",
        "page2",
        status="in_force",
        parties=["ESA", "Russian Federation"],
        title="framework agreement on cooperation and partnership in the exploration and use of outer space",
    )
    older = make_fact(
        "agreement",
        "page1",
        date="1991",
        status="signed",
        parties=["ESA", "Russia"],
        title="ESA-Russia Framework Agreement on Cooperation",
        start=90,
    )
    events = _events([dated, undated, older], of_type="agreement")
    assert len(events) == 2
    merged = next(e for e in events if len(e.sources) == 2)
    assert merged.date == "2003-02-11"
    assert merged.status == "signed"


def test_merge_an_undated_report_cannot_chain_two_different_years():
    facts = [
        make_fact(
            "agreement", "a", date="2010", status="signed", parties=["ESA", "JAXA"], title="Mars sample study"
        ),
        make_fact(
            "agreement", "b", date="2014", status="signed", parties=["ESA", "JAXA"], title="Mars sample study"
        ),
        make_fact("agreement", "c", status="signed", parties=["ESA", "JAXA"], title="Mars sample study"),
    ]
    events = _events(facts, of_type="agreement")
    assert sorted(len(e.sources) for e in events) == [1, 2]
    assert all(e.date in ("2010", "2014") for e in events)


def test_merge_conflicting_days_keep_both_readings_and_the_agreed_month():
    facts = [
        make_fact(
            "meeting",
            "x",
            date="2018-06-14",
            participants=["Jean-Yves Le Gall", "Dmitry Rogozin"],
            organizations=["CNES", "Roscosmos"],
            place="Moscow",
        ),
        make_fact(
            "meeting",
            "y",
            date="2018-06-15",
            participants=["Le Gall", "Dmitri Rogozin"],
            organizations=["CNES", "Roscosmos"],
            place="Moscow",
        ),
    ]
    (event,) = _events(facts, of_type="meeting")
    assert event.date == "2018-06"
    assert len(event.conflicts) == 1
    assert "2018-06-14 (x)" in event.conflicts[0] and "2018-06-15 (y)" in event.conflicts[0]


def test_merge_alternative_reading_settles_a_weekday_conflict():
    facts = [
        make_fact(
            "agreement",
            "x",
            date="2018-06-15",
            alternatives=("2018-06-14",),
            status="signed",
            parties=["CNES", "Roscosmos"],
            title="space science framework",
        ),
        make_fact(
            "agreement",
            "y",
            date="2018-06-14",
            status="signed",
            parties=["CNES", "Roscosmos"],
            title="framework agreement on space science",
        ),
    ]
    (event,) = _events(facts, of_type="agreement")
    assert event.date == "2018-06-14"
    assert any("alternative" in c for c in event.conflicts)


def test_merge_launch_reported_planned_then_done_is_done_with_the_transition_noted():
    docs = [make_document("preview", "x", "2016-04-19"), make_document("report", "y", "2016-04-30")]
    facts = [
        make_fact(
            "launch",
            "preview",
            date="2016-04-22",
            status="planned",
            vehicle="Soyuz",
            site="Kourou",
            payloads=["Sentinel-1B", "Microscope"],
        ),
        make_fact(
            "launch",
            "report",
            date="2016-04-25",
            status="done",
            vehicle="Soyuz-2",
            site="Guiana Space Centre",
            payloads=["Sentinel-1B"],
        ),
    ]
    (event,) = _events(facts, docs, of_type="launch")
    assert event.status == "done"
    assert event.date == "2016-04-25"
    assert any("planned in preview" in c and "done in report" in c for c in event.conflicts)
    assert any("planned for 2016-04-22" in c for c in event.conflicts)


def test_merge_different_launches_of_one_rocket_stay_apart():
    facts = [
        make_fact("launch", "a", date="2016-04-22", status="done", vehicle="Soyuz", payloads=["Sentinel-1B"]),
        make_fact("launch", "b", date="2016-05-24", status="done", vehicle="Soyuz", payloads=["Galileo"]),
        make_fact("launch", "c", date="2016", status="done", vehicle="Soyuz", site="CSG"),
    ]
    assert len(_events(facts, of_type="launch")) == 3


def test_merge_duplicate_facts_within_one_document_merge():
    facts = [
        make_fact("launch", "a", date="2021-12-25", status="done", vehicle="Ariane 5", payloads=["JWST"]),
        make_fact(
            "launch", "a", date="2021-12-25", status="done", vehicle="Ariane-5", payloads=["JWST"], start=300
        ),
    ]
    (event,) = _events(facts, of_type="launch")
    assert len(event.sources) == 2


def test_merge_roles_of_one_person_in_one_office_are_one_event_over_time():
    facts = [
        make_fact(
            "role", "a", date="2016-04-19", person="Igor Komarov", role="Head", organization="Roscosmos"
        ),
        make_fact(
            "role",
            "b",
            date="2017-07-19",
            person="Igor Komarov",
            role="Director General",
            organization="Roscosmos",
        ),
        make_fact(
            "role",
            "c",
            date="2017-07-19",
            person="Igor Komarov",
            role="Deputy Head",
            organization="Roscosmos",
        ),
    ]
    events = sorted(_events(facts, of_type="role"), key=lambda e: len(e.sources))
    assert [e.args["role"] for e in events] == ["Deputy Head", "Head"]
    assert events[1].args["as_of"] == ["2016-04-19", "2017-07-19"]
    assert events[1].date == "2016-04-19"
    assert events[1].conflicts == ()


def test_merge_is_independent_of_input_order():
    docs = [
        make_document("a", "Officials of the Russian Federal Space Agency (Roscosmos) met.", "2016-04-19"),
        make_document("b", "Roscosmos, or the Federal Space Agency, said.", "2017-07-19"),
    ]
    facts = [
        make_fact(
            "agreement",
            "a",
            date="2016",
            status="expected",
            parties=["CNES", "Roscosmos"],
            title="space science",
        ),
        make_fact(
            "agreement",
            "b",
            date="2018-06-15",
            status="signed",
            parties=["CNES", "Federal Space Agency"],
            title="framework agreement on space science",
        ),
        make_fact(
            "agreement",
            "c",
            date="2018-06-14",
            status="signed",
            parties=["CNES", "Roscosmos"],
            title="space science framework",
        ),
        make_fact("meeting", "a", date="2016-04-18", participants=["Le Gall", "Igor Komarov"]),
        make_fact(
            "meeting", "b", date="2016-04-18", participants=["Jean-Yves Le Gall"], organizations=["CNES"]
        ),
        make_fact(
            "role", "a", date="2016-04-19", person="Igor Komarov", role="Head", organization="Roscosmos"
        ),
        make_fact(
            "role", "c", date="2018-06-15", person="Dmitry Rogozin", role="Head", organization="Roscosmos"
        ),
        make_fact("launch", "a", date="2008", status="planned", vehicle="Soyuz", payloads=["Giove-B"]),
        make_fact("launch", "c", date="2008-04-27", status="done", vehicle="Soyuz", payloads=["Giove-B"]),
        make_fact("launch", "b", date="2017", status="done", vehicle="Soyuz", site="CSG"),
    ]
    knowledge = small_knowledge()
    expected = resolve_all(facts, docs, knowledge)
    rng = random.Random(7)
    for _ in range(5):
        shuffled_facts, shuffled_docs = facts[:], docs[:]
        rng.shuffle(shuffled_facts)
        rng.shuffle(shuffled_docs)
        assert resolve_all(shuffled_facts, shuffled_docs, knowledge) == expected


def test_merge_facts_uses_the_index_it_is_given():
    facts = [
        make_fact(
            "launch", "a", date="2020-07-30", status="done", vehicle="Atlas V", payloads=["Perseverance"]
        ),
        make_fact("launch", "b", date="2020-07", status="done", vehicle="Atlas V", payloads=["Mars 2020"]),
    ]
    index = resolve_entities(facts, [], small_knowledge())
    # Different payload names the knowledge does not tie together stay two launches.
    assert len(merge_facts(facts, index)) == 2


def test_merge_report_missing_a_party_joins_when_subject_and_date_agree():
    facts = [
        make_fact(
            "agreement",
            "full",
            date="2019-11-05",
            status="signed",
            parties=["ESA", "JAXA"],
            title="agreement on the Mars sample return orbiter",
        ),
        make_fact(
            "agreement",
            "short",
            date="2019-11",
            status="signed",
            parties=["JAXA"],
            title="Mars sample return orbiter agreement",
        ),
        make_fact(
            "agreement",
            "other",
            date="2019-11-05",
            status="signed",
            parties=["JAXA"],
            title="agreement on asteroid sample curation",
        ),
    ]
    events = sorted(_events(facts, of_type="agreement"), key=lambda e: -len(e.sources))
    assert [len(e.sources) for e in events] == [2, 1]
    assert events[0].args["parties"] == ["ESA", "JAXA"]


def test_merge_agencies_and_their_governments_signing_one_agreement_merge():
    facts = [
        make_fact(
            "agreement",
            "agency-side",
            date="2018-06-15",
            status="signed",
            parties=["CNES", "Roscosmos"],
            title="framework agreement on space science",
        ),
        make_fact(
            "agreement",
            "state-side",
            date="2018-06-15",
            status="signed",
            parties=["France", "Russia"],
            title="space science framework agreement",
        ),
    ]
    (event,) = _events(facts, of_type="agreement")
    assert len(event.sources) == 2


def test_merge_one_rocket_on_one_day_is_one_launch_whatever_the_payload_is_called():
    facts = [
        make_fact(
            "launch", "a", date="2020-07-30", status="done", vehicle="Ariane 5", payloads=["Perseverance"]
        ),
        make_fact(
            "launch", "b", date="2020-07-30", status="done", vehicle="Ariane-5", payloads=["Mars 2020 rover"]
        ),
        make_fact(
            "launch", "c", date="2020-07-31", status="done", vehicle="Ariane 5", payloads=["Hope probe"]
        ),
    ]
    events = sorted(_events(facts, of_type="launch"), key=lambda e: -len(e.sources))
    assert [len(e.sources) for e in events] == [2, 1]


def test_merge_undated_meeting_joins_the_only_meeting_of_the_same_people():
    once = [
        make_fact("meeting", "a", date="1997-04-14", participants=["Ann Lee", "Bo Chen"]),
        make_fact("meeting", "b", participants=["Lee", "Bo Chen"]),
    ]
    (event,) = _events(once, of_type="meeting")
    assert len(event.sources) == 2
    twice = [*once, make_fact("meeting", "c", date="2001-09-02", participants=["Ann Lee", "Bo Chen"])]
    assert sorted(len(e.sources) for e in _events(twice, of_type="meeting")) == [1, 1, 1]


def test_merge_one_person_meeting_two_others_is_two_meetings():
    facts = [
        make_fact("meeting", "a", date="1999-09", participants=["Ann Lee", "Bo Chen"]),
        make_fact("meeting", "b", date="1999", participants=["Ann Lee", "Cy Diaz"]),
    ]
    assert len(_events(facts, of_type="meeting")) == 2


def test_merge_names_in_other_scripts_stay_distinct():
    facts = [
        make_fact(
            "agreement", "a", date="2020", status="signed", parties=["Роскосмос", "ESA"], title="ExoMars"
        ),
        make_fact(
            "agreement", "b", date="2020", status="signed", parties=["Туркменкосмос", "ESA"], title="ExoMars"
        ),
    ]
    index_events = _events(facts, of_type="agreement")
    assert len(index_events) == 2
    assert {name for e in index_events for name in e.args["parties"]} >= {"Роскосмос", "Туркменкосмос"}


def test_merge_odd_arguments_and_unknown_types_are_kept_not_fatal():
    facts = [
        make_fact("agreement", "a", date="XXXX-XX", status="signed", parties="ESA", title=["not", "text"]),
        make_fact("launch", "b", date="2017-H1", status="done", vehicle=None, payloads=[None, "", "Foo-1"]),
        make_fact("role", "c", date="2019", person="Ann Lee", role=None, organization="ESA"),
        make_fact("funding", "d", date="2020", donor="ESA", amount="3 MEUR"),
    ]
    events = _events(facts)
    assert sorted(e.type for e in events) == ["agreement", "funding", "launch", "role"]
    launch = next(e for e in events if e.type == "launch")
    assert launch.date == "2017" and launch.args["payloads"] == ["Foo-1"]
    assert next(e for e in events if e.type == "funding").args["amount"] == "3 MEUR"


def test_merge_cut_off_title_is_completed_from_its_sentence():
    dated = make_fact(
        "agreement",
        "page1",
        "Today the cooperation rests on an Agreement between ESA and the Government of the Russian "
        "Federation on Partnership in the Use of Outer Space, signed in Paris on 11 February 2003.",
        date="2003-02-11",
        status="signed",
        parties=["ESA", "Russia"],
        title="Agreement between ESA and the Government",
    )
    undated = make_fact(
        "agreement",
        "page2",
        "There is a framework agreement between ESA and the government of the Russian Federation on "
        "partnership in the use of outer space, and work is under way.",
        status="in_force",
        parties=["ESA", "Russia"],
        title="framework agreement between ESA and the government",
    )
    other = make_fact(
        "agreement",
        "page1",
        "In 1991 came the ESA-Russia Framework Agreement.",
        date="1991",
        status="signed",
        parties=["ESA", "Russia"],
        title="ESA-Russia Framework Agreement",
        start=400,
    )
    events = sorted(_events([dated, undated, other], of_type="agreement"), key=lambda e: e.date)
    assert [len(e.sources) for e in events] == [1, 2]
    assert events[1].args["title"].endswith("on Partnership in the Use of Outer Space")


def test_merge_reports_without_subject_join_the_only_signing_of_that_month():
    facts = [
        make_fact(
            "agreement",
            "a",
            date="2021-05-04",
            status="signed",
            parties=["NASA", "JAXA"],
            title="agreement on lunar surface exploration",
        ),
        make_fact(
            "agreement", "b", date="2021-05", status="signed", parties=["JAXA", "NASA"], title="an agreement"
        ),
        make_fact("agreement", "c", date="2021-05-04", status="signed", parties=["NASA", "JAXA"]),
    ]
    (event,) = _events(facts, of_type="agreement")
    assert len(event.sources) == 3 and event.date == "2021-05-04"


def test_merge_report_without_subject_stays_alone_when_two_signings_fit_or_only_the_year_is_known():
    two = [
        make_fact(
            "agreement",
            "a",
            date="2021-05-04",
            status="signed",
            parties=["NASA", "JAXA"],
            title="agreement on lunar surface exploration",
        ),
        make_fact(
            "agreement",
            "b",
            date="2021-05-20",
            status="signed",
            parties=["NASA", "JAXA"],
            title="agreement on a Mars sample return orbiter",
        ),
        make_fact(
            "agreement", "c", date="2021-05", status="signed", parties=["NASA", "JAXA"], title="an agreement"
        ),
    ]
    assert len(_events(two, of_type="agreement")) == 3
    year_only = [two[0], make_fact("agreement", "d", date="2021", status="signed", parties=["NASA", "JAXA"])]
    assert len(_events(year_only, of_type="agreement")) == 2


def test_merge_reports_placing_one_signing_in_two_cities_keep_both():
    facts = [
        make_fact(
            "agreement",
            "a",
            date="2019-03-01",
            status="signed",
            parties=["ESA", "JAXA"],
            title="Martian Moons eXploration cooperation",
            place="Paris",
        ),
        make_fact(
            "agreement",
            "b",
            date="2019-03-01",
            status="signed",
            parties=["ESA", "JAXA"],
            title="agreement on Martian Moons eXploration",
            place="Tokyo",
        ),
    ]
    (event,) = _events(facts, of_type="agreement")
    assert event.conflicts == ("place: sources disagree: Paris (a); Tokyo (b)",)
