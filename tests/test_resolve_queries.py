"""Resolution in the store: who held an office, entity profiles, and the who/entity/resolve commands."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from spacecoop.cli import cli
from spacecoop.errors import BadQuery, NotFound
from spacecoop.models import AnalyzedDocument, Mention, Span
from spacecoop.resolve import resolve_store
from spacecoop.store import Store
from spacecoop.store.resolution_queries import entity_profile, office_at, who_held
from tests.test_resolve_support import make_document, make_fact

_TEXTS = {
    "archive-1999": ("1999-05-04", "Yuri Koptev, head of the Russian Space Agency, opened the conference."),
    "visit-2016": (
        "2016-03-12",
        "Roscosmos chief Igor Komarov met CNES President Jean-Yves Le Gall at the GIFAS stand in Paris "
        "on 12 March 2016.",
    ),
    "plan-2017": ("2017-05-10", "CNES and Roscosmos are preparing an agreement on lunar dust studies."),
    "deal-2018": (
        "2018-07-02",
        "Dmitry Rogozin, Director General of Roscosmos, and Jean-Yves Le Gall signed the lunar dust agreement.",
    ),
}


def _facts(key: str) -> list:
    date, text = _TEXTS[key]
    evidence = {"evidence": text}
    if key == "visit-2016":
        return [
            make_fact(
                "role",
                key,
                date=date,
                person="Igor Komarov",
                role="chief",
                organization="Roscosmos",
                **evidence,
            ),
            make_fact(
                "role",
                key,
                date=date,
                person="Jean-Yves Le Gall",
                role="President",
                organization="CNES",
                **evidence,
            ),
            make_fact(
                "meeting",
                key,
                date=date,
                participants=["Igor Komarov", "Jean-Yves Le Gall"],
                organizations=["Roscosmos", "CNES"],
                place="Paris",
                **evidence,
            ),
        ]
    if key == "archive-1999":
        return [
            make_fact(
                "role",
                key,
                date=date,
                person="Yuri Koptev",
                role="head",
                organization="Russian Space Agency",
                **evidence,
            )
        ]
    if key == "plan-2017":
        return [
            make_fact(
                "agreement",
                key,
                status="expected",
                parties=["CNES", "Roscosmos"],
                title="agreement on lunar dust studies",
                **evidence,
            )
        ]
    return [
        make_fact(
            "role",
            key,
            date=date,
            person="Dmitry Rogozin",
            role="Director General",
            organization="Roscosmos",
            **evidence,
        ),
        make_fact(
            "agreement",
            key,
            date=date,
            status="signed",
            parties=["Roscosmos", "CNES"],
            signatories=["Dmitry Rogozin", "Le Gall"],
            title="lunar dust agreement",
            **evidence,
        ),
    ]


@pytest.fixture()
def store(tmp_db):
    with Store.open(tmp_db) as opened:
        for key, (date, text) in _TEXTS.items():
            document = make_document(key, text, date)
            at = text.find("GIFAS")
            mentions = (Mention("GIFAS", "ORG", Span(at, at + 5, "GIFAS"), "gifas"),) if at >= 0 else ()
            opened.save_analyzed(AnalyzedDocument(document, (), mentions, tuple(_facts(key))))
        resolve_store(opened)
        yield opened


def test_queries_who_held_answers_with_the_holder_and_the_sources(store):
    (holder,) = who_held(store, "Head of Roscosmos", "2016-03-12")
    assert holder["person"]["name"] == "Igor Komarov"
    assert holder["held"] == "in office"
    assert [s["doc_key"] for s in holder["sources"]] == ["visit-2016"]
    assert "Komarov" in holder["sources"][0]["evidence"]
    (later,) = who_held(store, "Roscosmos Director General", "2019")
    assert later["person"]["name"] == "Dmitry Rogozin"
    # Titles in other languages go through the knowledge's office names.
    (french,) = who_held(store, "Directeur général de Roscosmos", "2019")
    assert french["person"]["name"] == "Dmitry Rogozin"


def test_queries_who_held_before_the_agency_existed_answers_with_its_predecessor(store):
    (holder,) = who_held(store, "Head of Roscosmos", "1999")
    assert holder["person"]["name"] == "Yuri Koptev"
    assert holder["organization"]["name"] == "Russian Space Agency"
    assert holder["held"] == "in office"


def test_queries_who_held_between_sightings_answers_from_the_knowledge_of_the_term(store):
    # The documents saw Komarov in 2016 and Rogozin in 2018; the knowledge knows Komarov's term
    # ran to 2018-05, and says so beside the sources that saw him.
    (holder,) = who_held(store, "Head of Roscosmos", "2017-12-01")
    assert holder["person"]["name"] == "Igor Komarov"
    assert holder["held"] == "in office"
    assert holder["basis"] == "knowledge and evidence"
    assert holder["end"] == "2018-05"
    assert [s["doc_key"] for s in holder["sources"]] == ["visit-2016"]


def test_queries_head_of_an_agency_led_by_a_president_is_its_president(store):
    (holder,) = who_held(store, "Head of CNES", "2016-03-12")
    assert holder["person"]["name"] == "Jean-Yves Le Gall"
    assert holder["office"] == "President"


def test_queries_who_held_rejects_unknown_organisations_and_bad_dates(store):
    with pytest.raises(NotFound, match="Atlantis"):
        who_held(store, "Head of Atlantis", "2016")
    with pytest.raises(BadQuery, match="2016-13"):
        who_held(store, "Head of Roscosmos", "2016-13")
    with pytest.raises(BadQuery, match="no office title"):
        who_held(store, "Roscosmos", "2016")


def test_queries_entity_profile_by_alias_gathers_everything(store):
    profile = entity_profile(store, "russian federal space agency")
    assert profile["id"] == "roscosmos" and profile["name"] == "Roscosmos"
    assert "Federal Space Agency" in profile["aliases"]
    # The heads the documents saw, with the knowledge's dates of their terms; and the heads the
    # knowledge knows that no document names.
    offices = {t["person"]["name"]: (t["start"], t["end"], t["basis"]) for t in profile["offices"]}
    assert offices["Igor Komarov"] == ("2015-01", "2018-05", "knowledge and evidence")
    assert offices["Dmitry Rogozin"] == ("2018-05", "2022-07", "knowledge and evidence")
    assert offices["Anatoly Perminov"] == ("2004-03", "2011-04", "knowledge")
    assert [a["status"] for a in profile["agreements"]] == ["signed", "expected"]
    assert [link["kind"] for link in profile["agreements"][1]["links"]] == ["realised_as"]
    assert [m["date"] for m in profile["meetings"]] == ["2016-03-12"]
    # The people of an event come with the office they held on its date.
    assert {p["name"]: p["offices"] for p in profile["meetings"][0]["people"]} == {
        "Igor Komarov": ["Head of Roscosmos"],
        "Jean-Yves Le Gall": ["President of CNES"],
    }
    assert profile["partners"][0]["name"] == "CNES" and profile["partners"][0]["events"] == 3
    assert [d["key"] for d in profile["documents"]] == ["visit-2016", "plan-2017", "deal-2018"]


def test_queries_person_profile_lists_offices_held_and_office_at_a_date(store):
    profile = entity_profile(store, "Mr Le Gall")
    assert profile["name"] == "Jean-Yves Le Gall"
    assert [(t["office"], t["organization"]["name"]) for t in profile["offices_held"]] == [
        ("President", "CNES")
    ]
    # A person's partners are the people met or co-signed with, not organisations.
    assert {p["name"] for p in profile["partners"]} == {"Igor Komarov", "Dmitry Rogozin"}
    assert office_at(store, profile["id"], "2016-03-12")[0]["organization"]["name"] == "CNES"
    assert office_at(store, "person:igor-komarov", "2010") == []


def test_queries_actor_only_mentioned_in_a_document_has_a_profile(store):
    profile = entity_profile(store, "gifas")
    assert profile["id"] == "gifas"
    assert [d["key"] for d in profile["documents"]] == ["visit-2016"]
    assert profile["meetings"] == [] and profile["agreements"] == []


def test_queries_unknown_entity_is_not_found(store):
    with pytest.raises(NotFound, match="Atlantis"):
        entity_profile(store, "Atlantis")
    # A surname finds its bearer even when no report used it alone.
    assert entity_profile(store, "Komarov")["name"] == "Igor Komarov"


def test_cli_who_prints_holder_and_evidence(store, tmp_db):
    result = CliRunner().invoke(cli, ["who", "Head of Roscosmos", "--on", "2016-03-12", "--db", tmp_db])
    assert result.exit_code == 0, result.output
    assert "Igor Komarov: Head of Roscosmos" in result.output
    assert "visit-2016" in result.output


def test_cli_entity_json_and_text(store, tmp_db):
    result = CliRunner().invoke(cli, ["entity", "CNES", "--format", "json", "--db", tmp_db])
    assert result.exit_code == 0, result.output
    assert "Jean-Yves Le Gall" in {t["person"]["name"] for t in json.loads(result.output)["offices"]}
    text = CliRunner().invoke(cli, ["entity", "CNES", "--db", tmp_db])
    assert "Igor Komarov (Head of Roscosmos)" in text.output
    assert "President: Jean-Yves Le Gall" in text.output and "Partners: Roscosmos (3)" in text.output


def test_cli_errors_name_the_input(store, tmp_db):
    result = CliRunner().invoke(cli, ["who", "Head of Atlantis", "--on", "2016", "--db", tmp_db])
    assert result.exit_code == 1 and "Atlantis" in result.output
    result = CliRunner().invoke(cli, ["who", "Head of Roscosmos", "--on", "July 2016", "--db", tmp_db])
    assert result.exit_code == 2 and "July 2016" in result.output


def test_cli_resolve_reruns_resolution(store, tmp_db):
    result = CliRunner().invoke(cli, ["resolve", "--db", tmp_db])
    assert result.exit_code == 0, result.output
    assert "office terms" in result.output and "1 links" in result.output


def test_cli_resolution_commands_and_options_are_documented():
    from pathlib import Path

    from spacecoop.cli.resolve_cmds import COMMANDS

    text = (Path(__file__).resolve().parents[1] / "docs" / "resolve.md").read_text()
    for command in COMMANDS:
        assert f"spacecoop {command.name}" in text
        for option in command.params:
            for flag in getattr(option, "opts", []):
                if flag.startswith("--"):
                    assert flag in text, f"{command.name} {flag} is not documented"


def test_queries_who_answers_the_current_director_general_not_an_earlier_one_seen_longer(tmp_db):
    texts = {
        "old-visit": ("2005-03-02", "ESA Director General Jean-Jacques Dordain opened the meeting."),
        "recent": ("2024-05-20", "Josef Aschbacher, the Director General of ESA, spoke in Vienna."),
        "retro": ("2026-01-10", "The former ESA Director General Jean-Jacques Dordain gave a lecture."),
    }
    people = {
        "old-visit": "Jean-Jacques Dordain",
        "recent": "Josef Aschbacher",
        "retro": "Jean-Jacques Dordain",
    }
    with Store.open(tmp_db) as opened:
        for key, (date, text) in texts.items():
            fact = make_fact(
                "role",
                key,
                date=date,
                person=people[key],
                role="Director General",
                organization="ESA",
                evidence=text,
            )
            opened.save_analyzed(AnalyzedDocument(make_document(key, text, date), (), (), (fact,)))
        resolve_store(opened)
        (holder,) = who_held(opened, "Director General of ESA", "2024-06-01")
        assert holder["person"]["name"] == "Josef Aschbacher"
        assert holder["basis"] == "knowledge and evidence" and holder["open"] is True
        assert holder["last_seen"] == "2024-05-20"
        (earlier,) = who_held(opened, "ESA Director General", "2010")
        assert earlier["person"]["name"] == "Jean-Jacques Dordain" and earlier["end"] == "2015-06"
        result = CliRunner().invoke(
            cli, ["who", "Director General of ESA", "--on", "2024-06-01", "--db", tmp_db]
        )
        assert result.exit_code == 0, result.output
        assert "Josef Aschbacher" in result.output and "since 2021-03, last seen 2024-05-20" in result.output
        assert "[from knowledge and evidence]" in result.output


def test_queries_an_open_term_seen_in_documents_is_not_extended_to_today(tmp_db):
    text = "Lena Orvik, Director General of the Orbital Agency of Ruritania, opened the forum."
    with Store.open(tmp_db) as opened:
        fact = make_fact(
            "role",
            "forum",
            date="2016-05-03",
            person="Lena Orvik",
            role="Director General",
            organization="Orbital Agency of Ruritania",
            evidence=text,
        )
        opened.save_analyzed(AnalyzedDocument(make_document("forum", text, "2016-05-03"), (), (), (fact,)))
        resolve_store(opened)
        (then,) = who_held(opened, "Director General of the Orbital Agency of Ruritania", "2016-05")
        assert then["held"] == "in office" and then["basis"] == "evidence"
        (later,) = who_held(opened, "Director General of the Orbital Agency of Ruritania", "2030")
        assert later["person"]["name"] == "Lena Orvik"
        assert later["held"] == "last known" and later["open"] and later["last_seen"] == "2016-05-03"
