"""Entity resolution: knowledge aliases, names documents declare, people across spellings."""

from __future__ import annotations

import pytest

from spacecoop.resolve import resolve_entities
from spacecoop.resolve.document_aliases import find_document_aliases
from tests.test_resolve_support import make_document, make_fact, small_knowledge


def _ids(index, fact, arg):
    value = fact.args[arg]
    surfaces = value if isinstance(value, list) else [value]
    return [index.entity_id(fact.id, arg, s) for s in surfaces]


def test_entities_knowledge_aliases_resolve_to_one_entity():
    a = make_fact("agreement", "d1", parties=["European Space Agency", "NASA"], title="lunar gateway")
    b = make_fact("agreement", "d2", parties=["ESA", "National Aeronautics and Space Administration"])
    index = resolve_entities([a, b], [], small_knowledge())
    assert _ids(index, a, "parties") == ["esa", "nasa"]
    assert _ids(index, b, "parties") == ["esa", "nasa"]
    assert index.get("esa").wikidata == "Q4"
    assert "European Space Agency" in index.get("esa").aliases


@pytest.mark.parametrize(
    ("text", "name", "alias", "kind"),
    [
        (
            "Talks with the Russian Federal Space Agency (Roscosmos) went well.",
            "Russian Federal Space Agency",
            "Roscosmos",
            "expansion",
        ),
        (
            "The Centre national d'études spatiales (CNES) is in Paris.",
            "Centre national d'études spatiales",
            "CNES",
            "expansion",
        ),
        (
            "Roscosmos, or the Federal Space Agency, replied.",
            "Roscosmos",
            "Federal Space Agency",
            "alternative",
        ),
        (
            "He visited GIFAS, the French aerospace industries association, on Monday.",
            "GIFAS",
            "French aerospace industries association",
            "description",
        ),
        (
            "It was run by Glavkosmos, formerly the Soviet space export agency, at the time.",
            "Glavkosmos",
            "Soviet space export agency",
            "former",
        ),
        ("ESA (European Space Agency) said so.", "European Space Agency", "ESA", "expansion"),
    ],
)
def test_document_aliases_declarations_are_found(text, name, alias, kind):
    found = [(a.name, a.alias, a.kind) for a in find_document_aliases(text)]
    assert (name, alias, kind) in found


def test_document_aliases_ignore_brackets_that_are_not_names():
    text = "The payload (a camera) was ready. Igor Komarov, Head of Roscosmos, spoke. Launch of Sentinel-1B (ESA)."
    assert find_document_aliases(text) == []


def test_entities_document_declared_alias_joins_known_entity():
    doc = make_document(
        "d1", "Officials of the Russian Federal Space Agency (Roscosmos) met ESA.", "2007-01-01"
    )
    fact = make_fact("agreement", "d2", parties=["ESA", "Russian Federal Space Agency"], title="launchers")
    index = resolve_entities([fact], [doc], small_knowledge())
    assert _ids(index, fact, "parties") == ["esa", "roscosmos"]
    assert "Russian Federal Space Agency" in index.get("roscosmos").aliases
    # The national adjective dropped gives the agency's other usual name.
    assert "Federal Space Agency" in index.get("roscosmos").aliases


def test_entities_description_takes_the_capitalised_spelling_another_document_uses():
    docs = [
        make_document(
            "d1", "Le Gall met Igor Komarov, Head of Roscosmos, the Russian federal space agency, in Moscow."
        ),
        make_document("d2", "A deal with the Russian Federal Space Agency was signed."),
    ]
    fact = make_fact("meeting", "d1", participants=["Igor Komarov"], organizations=["Roscosmos"])
    index = resolve_entities([fact], docs, small_knowledge())
    aliases = index.get("roscosmos").aliases
    assert "Russian Federal Space Agency" in aliases
    assert "Russian federal space agency" not in aliases


def test_entities_unknown_actors_become_entities_typed_by_their_slot():
    doc = make_document("d1", "Orbital Foo Works, or the Foo Orbital Agency, announced it.")
    facts = [
        make_fact("agreement", "d1", parties=["Orbital Foo Works", "ESA"], title="cubesat study"),
        make_fact("agreement", "d2", parties=["Foo Orbital Agency", "ESA"], title="cubesat study"),
        make_fact("launch", "d1", vehicle="Zephyr-9", site="Isla Blanca pad", payloads=["Quokka-1"]),
    ]
    index = resolve_entities(facts, [doc], small_knowledge())
    org = _ids(index, facts[0], "parties")[0]
    assert org == _ids(index, facts[1], "parties")[0]
    assert index.get(org).type == "organization"
    assert index.get(index.entity_id(facts[2].id, "vehicle", "Zephyr-9")).type == "launcher"
    assert index.get(index.entity_id(facts[2].id, "site", "Isla Blanca pad")).type == "site"
    assert index.get(index.entity_id(facts[2].id, "payloads", "Quokka-1")).type == "mission"


def test_entities_person_full_name_surname_and_honorific_are_one_person():
    facts = [
        make_fact("role", "d1", person="Jean-Yves Le Gall", role="President", organization="CNES"),
        make_fact("role", "d2", person="Le Gall", role="President", organization="CNES"),
        make_fact(
            "meeting", "d3", participants=["Mr Le Gall", "Igor Komarov"], organizations=["CNES", "Roscosmos"]
        ),
    ]
    index = resolve_entities(facts, [], small_knowledge())
    ids = {index.entity_id(f.id, "person", "Jean-Yves Le Gall") for f in facts[:1]}
    ids.add(index.entity_id(facts[1].id, "person", "Le Gall"))
    ids.add(index.entity_id(facts[2].id, "participants", "Mr Le Gall"))
    assert len(ids) == 1
    person = index.get(ids.pop())
    assert person.name == "Jean-Yves Le Gall"
    assert {"Le Gall", "Mr Le Gall"} <= set(person.aliases)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Yuri Koptev", "Yury Koptev"),
        ("Iouri Koptev", "Yuri Koptev"),
        ("Dmitry Rogozin", "Dmitri Rogozin"),
        ("Anatoly Perminov", "Anatoliy Perminov"),
        ("Sergey Krikalev", "Sergei Krikalev"),
        ("Jan Wörner", "Johann-Dietrich Woerner"),
        ("Yamakawa Hiroshi", "Hiroshi Yamakawa"),
    ],
)
def test_entities_person_spellings_are_one_person(first, second):
    a = make_fact("role", "d1", person=first, role="Head", organization="ESA")
    b = make_fact("role", "d2", person=second, role="Head", organization="ESA")
    index = resolve_entities([a, b], [], small_knowledge())
    assert index.entity_id(a.id, "person", first) == index.entity_id(b.id, "person", second)


def test_entities_people_sharing_a_surname_in_different_organisations_stay_apart():
    facts = [
        make_fact("role", "d1", person="John Smith", role="Administrator", organization="NASA"),
        make_fact("role", "d2", person="Mary Smith", role="Director", organization="ESA"),
        make_fact("role", "d3", person="Smith", role="Director", organization="ESA"),
        make_fact("role", "d4", person="J. Smith", role="Administrator", organization="NASA"),
        make_fact("role", "d5", person="Dmitry Ivanov", role="Engineer", organization="Roscosmos"),
        make_fact("role", "d6", person="Dmitry Ivanov", role="Engineer", organization="CNES"),
    ]
    index = resolve_entities(facts, [], small_knowledge())
    john = index.entity_id(facts[0].id, "person", "John Smith")
    mary = index.entity_id(facts[1].id, "person", "Mary Smith")
    assert john != mary
    assert index.entity_id(facts[2].id, "person", "Smith") == mary
    assert index.entity_id(facts[3].id, "person", "J. Smith") == john
    # The same full name is one person even across organisations (people move).
    assert index.entity_id(facts[4].id, "person", "Dmitry Ivanov") == index.entity_id(
        facts[5].id, "person", "Dmitry Ivanov"
    )


def test_entities_initial_that_fits_two_people_joins_neither():
    facts = [
        make_fact("role", "d1", person="John Smith", role="Engineer", organization="NASA"),
        make_fact("role", "d2", person="Jane Smith", role="Engineer", organization="NASA"),
        make_fact("role", "d3", person="J. Smith", role="Engineer", organization="NASA"),
    ]
    index = resolve_entities(facts, [], small_knowledge())
    ids = [index.entity_id(f.id, "person", f.args["person"]) for f in facts]
    assert len(set(ids)) == 3


def test_entities_predecessor_and_successor_stay_distinct_but_linked():
    facts = [
        make_fact("agreement", "d1", date="1996", parties=["ESA", "Russian Space Agency"], title="ERA arm"),
        make_fact("agreement", "d2", date="2018", parties=["ESA", "Roscosmos"], title="ExoMars"),
    ]
    index = resolve_entities(facts, [], small_knowledge())
    old, new = _ids(index, facts[0], "parties")[1], _ids(index, facts[1], "parties")[1]
    assert (old, new) == ("rsa", "roscosmos")
    assert index.get("rsa").successors == ("roscosmos",)
    assert index.get("roscosmos").predecessors == ("rsa",)


def test_entities_former_name_declared_in_a_document_links_unknown_organisations():
    doc = make_document("d1", "Zenith Orbital, formerly the Zenith Rocket Office, signed.")
    facts = [
        make_fact("agreement", "d1", parties=["Zenith Orbital", "ESA"], title="a"),
        make_fact("agreement", "d2", parties=["Zenith Rocket Office", "ESA"], title="b"),
    ]
    index = resolve_entities(facts, [doc], small_knowledge())
    new, old = _ids(index, facts[0], "parties")[0], _ids(index, facts[1], "parties")[0]
    assert new != old
    assert index.get(new).predecessors == (old,)
    assert index.get(old).successors == (new,)


def test_entities_signatory_named_by_office_is_an_office_not_a_person():
    fact = make_fact("agreement", "d1", parties=["ESA", "Russia"], signatories=["ESA Director General"])
    index = resolve_entities([fact], [], small_knowledge())
    entity = index.get(index.entity_id(fact.id, "signatories", "ESA Director General"))
    assert entity.type == "office"


def test_document_aliases_common_nouns_are_not_names():
    assert find_document_aliases("He thanked NASA, the agency, for its help.") == []
    assert find_document_aliases("They met JAXA, the space agency, on Monday.") == []


def test_entities_description_given_to_two_names_joins_neither():
    docs = [
        make_document("d1", "Officials of Zorbia Orbital, the national space agency, attended."),
        make_document("d2", "Officials of Quenta Rockets, the national space agency, attended."),
    ]
    facts = [
        make_fact("agreement", "d1", parties=["Zorbia Orbital", "ESA"], title="a"),
        make_fact("agreement", "d2", parties=["Quenta Rockets", "ESA"], title="b"),
        make_fact("agreement", "d3", parties=["National Space Agency", "ESA"], title="c"),
    ]
    index = resolve_entities(facts, docs, small_knowledge())
    ids = {_ids(index, f, "parties")[0] for f in facts}
    assert len(ids) == 3


def test_entities_craft_written_with_or_without_separators_or_in_roman_figures_are_one():
    from spacecoop.resolve import resolve_all
    from tests.test_resolve_support import make_fact, small_knowledge

    facts = [
        make_fact("launch", "a", date="2009-05-11", status="done", payloads=["STS-125"]),
        make_fact("launch", "b", date="2009-05-11", status="done", payloads=["STS125"]),
        make_fact("launch", "c", date="2011", status="done", payloads=["Koru-II"]),
        make_fact("launch", "d", date="2011", status="done", payloads=["Koru 2"]),
        make_fact("launch", "e", date="2012", status="done", payloads=["Koru 3"]),
    ]
    events = resolve_all(facts, (), small_knowledge()).events
    assert sorted(len(e.sources) for e in events) == [1, 2, 2]


def test_entities_numbered_craft_the_knowledge_files_under_one_programme_stay_apart():
    from spacecoop.knowledge import load_knowledge
    from spacecoop.resolve import resolve_all
    from tests.test_resolve_support import make_fact

    facts = [
        make_fact("launch", "a", date="1984-12-15", status="done", payloads=["Vega 1"]),
        make_fact("launch", "b", date="1984-12-21", status="done", payloads=["Vega 2"]),
        make_fact("launch", "c", date="1984-12-15", status="done", payloads=["Vega-1"]),
    ]
    resolution = resolve_all(facts, (), load_knowledge())
    assert sorted(len(e.sources) for e in resolution.events) == [1, 2]
    payloads = {n.replace("-", " ") for e in resolution.events for n in e.args["payloads"]}
    assert payloads == {"Vega 1", "Vega 2"}
