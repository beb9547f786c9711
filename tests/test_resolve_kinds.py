"""Kinds that stay apart: only actors are parties, organisations and partners; places, boards and
offices named in their slots keep their own kind; a person named as a payload is crew."""

from __future__ import annotations

from spacecoop.knowledge import load_knowledge
from spacecoop.models import AnalyzedDocument
from spacecoop.resolve import resolve_all, resolve_store
from spacecoop.store import Store
from spacecoop.store.resolution_queries import entity_profile
from tests.test_resolve_support import make_document, make_fact


def _facts():
    return [
        make_fact(
            "agreement",
            "release",
            "NASA, the Johnson Space Center and the Korean agency signed a crew training agreement.",
            date="2022-09-14",
            status="signed",
            parties=["NASA", "Johnson Space Center", "KASA", "Executive Board"],
            signatories=["Ines Varga", "ESA Director General"],
            title="crew training agreement",
        ),
        make_fact(
            "meeting",
            "release",
            "Ines Varga met the KASA Administrator at the Sagamihara Campus.",
            date="2022-09-15",
            participants=["Ines Varga", "KASA Administrator"],
            organizations=["NASA", "Sagamihara Campus"],
            start=300,
        ),
        make_fact(
            "role",
            "release",
            "Ines Varga, NASA Associate Administrator, spoke.",
            date="2022-09-14",
            person="Ines Varga",
            role="Associate Administrator",
            organization="NASA",
            start=500,
        ),
        make_fact(
            "launch",
            "flight",
            "A Soyuz carried Ines Varga and the Lumo-2 satellite.",
            date="2023-01-10",
            status="done",
            vehicle="Soyuz",
            payloads=["Ines Varga", "Lumo-2"],
        ),
    ]


def _roles(event):
    roles: dict[str, set[str]] = {}
    for role, entity_id in event.entities:
        roles.setdefault(role, set()).add(entity_id)
    return roles


def test_kinds_only_actors_are_parties_and_organisations():
    resolution = resolve_all(_facts(), (), load_knowledge())
    by_type = {e.type: e for e in resolution.events}
    agreement = _roles(by_type["agreement"])
    assert agreement["party"] == {"nasa", "kasa"}
    assert "nasa-jsc" in agreement["place"]
    assert len(agreement["body"]) == 1  # the board of an organisation is named, not a party
    assert by_type["agreement"].args["parties"] == ["KASA", "NASA"]
    meeting = _roles(by_type["meeting"])
    assert meeting["organization"] == {"nasa"}
    assert meeting["place"] == {"jaxa-sagamihara"}


def test_kinds_offices_named_for_people_stay_offices_and_are_still_listed():
    resolution = resolve_all(_facts(), (), load_knowledge())
    agreement = next(e for e in resolution.events if e.type == "agreement")
    roles = _roles(agreement)
    assert len(roles["signatory"]) == 1 and len(roles["signatory-office"]) == 1
    assert agreement.args["signatories"] == ["ESA Director General", "Ines Varga"]


def test_kinds_a_person_named_as_a_payload_is_crew_not_a_mission():
    resolution = resolve_all(_facts(), (), load_knowledge())
    launch = next(e for e in resolution.events if e.type == "launch")
    assert launch.args["payloads"] == ["Lumo-2"]
    assert launch.args["crew"] == ["Ines Varga"]
    varga = [e for e in resolution.entities if e.name == "Ines Varga"]
    assert [e.type for e in varga] == ["person"]


def test_kinds_partners_are_actors_only(tmp_db):
    with Store.open(tmp_db) as store:
        by_doc: dict[str, list] = {}
        for fact in _facts():
            by_doc.setdefault(fact.doc, []).append(fact)
        for key, facts in by_doc.items():
            store.save_analyzed(AnalyzedDocument(make_document(key, "x", "2023-01-10"), (), (), tuple(facts)))
        resolve_store(store)
        partners = {p["name"] for p in entity_profile(store, "NASA")["partners"]}
        assert entity_profile(store, "Johnson Space Center")["kind"] == "place"
        assert entity_profile(store, "NASA")["kind"] == "agency"
    assert "KASA" in partners
    assert not partners & {
        "Johnson Space Center",
        "Sagamihara Campus",
        "Executive Board",
        "ESA Director General",
    }


def test_kinds_two_things_of_one_name_are_told_apart():
    facts = [
        make_fact("launch", "a", date="2021-04-09", status="done", vehicle="Soyuz", payloads=["Lumo-2"]),
        make_fact("launch", "b", date="2021-10-05", status="done", payloads=["Soyuz spacecraft"]),
    ]
    resolution = resolve_all(facts, (), load_knowledge())
    names = {e.id: e.name for e in resolution.entities}
    assert names["soyuz"] == "Soyuz"
    assert names["soyuz-spacecraft"] == "Soyuz (spacecraft)"
    by_date = {e.date: e for e in resolution.events}
    assert by_date["2021-04-09"].args["vehicle"] == "Soyuz"
    assert by_date["2021-10-05"].args["payloads"] == ["Soyuz (spacecraft)"]
