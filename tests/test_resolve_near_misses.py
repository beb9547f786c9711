"""Near misses: reports that look alike but are two real events must stay two, and reports of one
event that look different (a slipped plan, another rocket) must become one."""

from __future__ import annotations

from spacecoop.resolve import resolve_all
from tests.test_resolve_support import make_document, make_fact, small_knowledge


def _launches(facts, docs=()):
    return [e for e in resolve_all(facts, docs, small_knowledge()).events if e.type == "launch"]


def test_near_miss_two_launches_of_one_rocket_a_week_apart_stay_two():
    facts = [
        make_fact("launch", "a", date="2023-04-03", status="done", vehicle="Falcon 9", payloads=["Orla-1"]),
        make_fact("launch", "b", date="2023-04-10", status="done", vehicle="Falcon 9", payloads=["Brisa-7"]),
        # Without payloads, one rocket on two days a week apart is two flights too.
        make_fact("launch", "c", date="2023-04-03", status="done", vehicle="Falcon 9", site="Vandenberg"),
        make_fact("launch", "d", date="2023-04-10", status="done", vehicle="Falcon 9", site="Vandenberg"),
    ]
    events = _launches(facts)
    dates = sorted(e.date for e in events)
    assert dates.count("2023-04-03") >= 1 and dates.count("2023-04-10") >= 1
    assert all(len({s.date for s in e.sources}) == 1 for e in events)


def test_near_miss_two_agreements_of_the_same_agencies_in_different_years_stay_two():
    facts = [
        make_fact(
            "agreement",
            "a",
            date="2014-05-12",
            status="signed",
            parties=["NASA", "JAXA"],
            title="agreement on lunar science cooperation",
        ),
        make_fact(
            "agreement",
            "b",
            date="2019-09-30",
            status="signed",
            parties=["JAXA", "NASA"],
            title="lunar science cooperation agreement",
        ),
        make_fact("agreement", "c", date="2019", status="signed", parties=["NASA", "JAXA"]),
    ]
    events = [e for e in resolve_all(facts, (), small_knowledge()).events if e.type == "agreement"]
    dated = sorted(e.date for e in events if e.date and len(e.date) == 10)
    assert dated == ["2014-05-12", "2019-09-30"]
    assert not any({"a", "b"} <= {s.doc_key for s in e.sources} for e in events)


def test_near_miss_a_slipped_plan_is_one_launch_with_its_flight_but_not_with_the_rocket_on_its_old_date():
    docs = [
        make_document("plan", "x", "2021-01-10"),
        make_document("flight", "y", "2021-06-20"),
        make_document("other", "z", "2021-03-02"),
    ]
    facts = [
        make_fact(
            "launch", "plan", date="2021-03-01", status="planned", vehicle="Vega", payloads=["Tessel-2"]
        ),
        make_fact(
            "launch", "flight", date="2021-06-19", status="done", vehicle="Vega", payloads=["Tessel-2"]
        ),
        # The rocket flew on the plan's old date, with another satellite.
        make_fact("launch", "other", date="2021-03-01", status="done", vehicle="Vega", payloads=["Corvo"]),
    ]
    events = _launches(facts, docs)
    (tessel,) = [e for e in events if "Tessel-2" in e.args["payloads"]]
    assert sorted(s.doc_key for s in tessel.sources) == ["flight", "plan"]
    assert tessel.status == "done" and tessel.date == "2021-06-19"
    assert any("planned for 2021-03-01 (plan)" in c for c in tessel.conflicts)
    (corvo,) = [e for e in events if "Corvo" in e.args["payloads"]]
    assert [s.doc_key for s in corvo.sources] == ["other"]


def test_near_miss_a_spacecraft_moved_to_another_rocket_is_still_one_launch():
    docs = [make_document("old", "x", "2020-02-01"), make_document("new", "y", "2023-07-02")]
    facts = [
        make_fact("launch", "old", date="2022-03", status="planned", vehicle="Soyuz", payloads=["Lyra"]),
        make_fact("launch", "new", date="2023-07-01", status="done", vehicle="Falcon 9", payloads=["Lyra"]),
    ]
    (event,) = _launches(facts, docs)
    assert event.date == "2023-07-01" and len(event.sources) == 2


def test_near_miss_plans_of_one_spacecraft_that_keep_slipping_are_one_planned_launch():
    docs = [make_document("early", "x", "2015-04-01"), make_document("late", "y", "2019-11-05")]
    facts = [
        make_fact("launch", "early", date="2017", status="planned", payloads=["Nadir-2"]),
        make_fact("launch", "late", date="2021", status="planned", payloads=["Nadir-2"]),
    ]
    (event,) = _launches(facts, docs)
    assert event.status == "planned"
    assert event.date == "2021"  # the latest report's plan
    assert any("planned for 2017 (early)" in c for c in event.conflicts)


def test_near_miss_batches_and_classes_of_craft_fly_many_times():
    docs = [make_document("old", "x", "2019-01-05"), make_document("new", "y", "2021-08-01")]
    facts = [
        make_fact("launch", "old", date="2019-06", status="planned", payloads=["two Galileo satellites"]),
        make_fact("launch", "new", date="2021-07-30", status="done", payloads=["two Galileo satellites"]),
        make_fact("launch", "old", date="2019-03", status="planned", payloads=["Soyuz"], start=500),
        make_fact("launch", "new", date="2021-04-09", status="done", payloads=["Soyuz"], start=500),
    ]
    events = _launches(facts, docs)
    assert len(events) == 4
    assert all(len(e.sources) == 1 for e in events)


def test_near_miss_a_craft_of_one_name_that_flew_before_the_plan_was_written_is_another_flight():
    docs = [make_document("history", "x", "2001-01-01"), make_document("plan", "y", "1995-05-01")]
    facts = [
        make_fact("launch", "history", date="1983-11-28", status="done", payloads=["Skylark"]),
        make_fact("launch", "plan", date="1995-06", status="planned", payloads=["Skylark"]),
    ]
    assert len(_launches(facts, docs)) == 2


def _agreements(facts):
    return [e for e in resolve_all(facts, (), small_knowledge()).events if e.type == "agreement"]


def test_reports_of_one_signing_in_two_languages_are_one_agreement():
    facts = [
        make_fact(
            "agreement",
            "en",
            date="2019-03-14",
            status="signed",
            parties=["ESA", "DLR"],
            title="Association Agreement",
        ),
        make_fact(
            "agreement",
            "de",
            date="2019-03-14",
            status="signed",
            parties=["DLR", "ESA"],
            title="Assoziierungsabkommen",
        ),
        make_fact(
            "agreement",
            "fr",
            date="2019-03",
            status="signed",
            parties=["ESA", "DLR"],
            title="accord d'association",
        ),
    ]
    (event,) = _agreements(facts)
    assert sorted(s.doc_key for s in event.sources) == ["de", "en", "fr"]
    assert event.date == "2019-03-14"


def test_the_first_agreement_of_two_parties_is_one_but_a_later_one_stays_apart():
    facts = [
        make_fact(
            "agreement",
            "a",
            date="1971",
            status="signed",
            parties=["CNES", "NASA"],
            title="first agreement between the two agencies",
        ),
        make_fact(
            "agreement",
            "b",
            date="1971",
            status="signed",
            parties=["NASA", "CNES"],
            title="premier accord de coopération",
        ),
        make_fact(
            "agreement",
            "c",
            date="1975",
            status="signed",
            parties=["NASA", "CNES"],
            title="new cooperation agreement",
        ),
    ]
    events = sorted(_agreements(facts), key=lambda e: e.date)
    assert [sorted(s.doc_key for s in e.sources) for e in events] == [["a", "b"], ["c"]]


def test_a_report_naming_no_party_joins_the_one_signing_of_its_subject_and_year():
    def signed(doc, date, parties, title):
        return make_fact("agreement", doc, date=date, status="signed", parties=parties, title=title)

    facts = [
        signed("a", "2020-10-13", ["NASA", "ESA"], "Selene Accords"),
        signed("b", "2020", ["ESA", "NASA"], "Selene Accords (founding signatories)"),
        signed("c", "2020", [], "Selene Accords"),
        # Two signings could fit the report without parties: it stays alone.
        signed("d", "2021-03-02", ["JAXA", "NASA"], "Helio Charter"),
        signed("e", "2021-09-20", ["DLR", "NASA"], "Helio Charter"),
        signed("f", "2021", [], "Helio Charter"),
    ]
    by_docs = sorted(sorted(s.doc_key for s in e.sources) for e in _agreements(facts))
    assert ["a", "b", "c"] in by_docs
    assert ["f"] in by_docs


def test_a_brief_and_a_long_title_of_one_signing_on_one_day_are_one_but_other_subjects_stay_apart():
    def signed(doc, title):
        return make_fact(
            "agreement", doc, date="2016-04-12", status="signed", parties=["NASA", "CNES"], title=title
        )

    facts = [
        signed("a", "Agreement on Ocean Altimetry"),
        signed("b", "ocean altimetry and sea ice monitoring agreement"),
        signed("c", "agreement on Mars sample studies"),
    ]
    by_docs = sorted(sorted(s.doc_key for s in e.sources) for e in _agreements(facts))
    assert by_docs == [["a", "b"], ["c"]]


def test_one_document_giving_two_days_tells_of_two_meetings_but_two_outlets_a_day_apart_of_one():
    def met(doc, date, start=0):
        return make_fact(
            "meeting", doc, date=date, status="done", participants=["Ada Lorne", "Ken Oda"], start=start
        )

    same_doc = [met("council", "2022-11-21"), met("council", "2022-11-22", start=400)]
    events = [e for e in resolve_all(same_doc, (), small_knowledge()).events if e.type == "meeting"]
    assert len(events) == 2
    outlets = [met("wire", "2022-11-21"), met("daily", "2022-11-22")]
    events = [e for e in resolve_all(outlets, (), small_knowledge()).events if e.type == "meeting"]
    assert len(events) == 1 and events[0].conflicts


def test_an_undated_flight_of_a_class_of_craft_is_not_tied_to_a_dated_one():
    from spacecoop.knowledge import load_knowledge

    facts = [
        make_fact("launch", "a", date="2021-04-23", status="done", payloads=["Crew Dragon"]),
        make_fact("launch", "b", status="done", payloads=["SpaceX Dragon"]),
    ]
    events = [e for e in resolve_all(facts, (), load_knowledge()).events if e.type == "launch"]
    assert len(events) == 2


def test_a_craft_name_planned_years_earlier_on_another_rocket_and_site_is_another_craft():
    docs = [make_document("old", "x", "1998-01-05"), make_document("new", "y", "2010-04-17")]
    facts = [
        make_fact(
            "launch",
            "old",
            date="1998-09-28",
            status="planned",
            vehicle="Delta II",
            site="Andøya",
            payloads=["Mira-4"],
        ),
        make_fact(
            "launch",
            "new",
            date="2010-04-16",
            status="done",
            vehicle="Atlas V",
            site="Cape Canaveral",
            payloads=["Mira-4"],
        ),
    ]
    assert len(_launches(facts, docs)) == 2


def test_launch_contracts_of_one_company_for_different_satellites_stay_apart():
    facts = [
        make_fact("agreement", "a", status="signed", parties=["ESA"], title="launch contract for Orla 2"),
        make_fact(
            "agreement", "a", status="signed", parties=["ESA"], title="launch contract for Brisa 3", start=300
        ),
        make_fact(
            "agreement", "b", status="signed", parties=["ESA"], title="launch services order for Orla 2"
        ),
    ]
    by_docs = sorted(sorted(s.doc_key for s in e.sources) for e in _agreements(facts))
    assert by_docs == [["a"], ["a", "b"]]


def test_reports_putting_one_person_on_a_flight_that_day_are_one_launch_but_not_years_apart():
    facts = [
        make_fact(
            "launch", "cs", date="1979-04-10", status="done", payloads=["Sojus-33"], crew=["Ivo Brandt"]
        ),
        make_fact(
            "launch", "en", date="1979-04-10", status="done", payloads=["Soyuz 33"], crew=["Ivo Brandt"]
        ),
        make_fact("launch", "yr", date="1979", status="done", vehicle="Soyuz", crew=["Ivo Brandt"]),
        make_fact(
            "launch", "later", date="1988-06-07", status="done", payloads=["Soyuz TM-5"], crew=["Ivo Brandt"]
        ),
    ]
    by_docs = sorted(sorted(s.doc_key for s in e.sources) for e in _launches(facts))
    assert by_docs == [["cs", "en", "yr"], ["later"]]
