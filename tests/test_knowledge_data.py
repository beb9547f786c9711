"""The packaged knowledge says true, useful things: canonical names the scorer accepts, the
lineages of agencies, launcher families, and names that are ordinary words kept apart."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from spacecoop.knowledge import ENTITY_TYPES, load_knowledge, normalise_alias
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def test_knowledge_canonical_names_agree_with_the_scorer_aliases(knowledge):
    scorer = runpy.run_path(str(shared_path("eval", "score.py")))
    aliases, norm = scorer["ALIASES"], scorer["norm"]
    # The scorer's keys are folded text, so acronyms appear in lower case: compare folded forms.
    for alias, canonical in aliases.items():
        named = [
            e
            for e in knowledge.entities
            if any(normalise_alias(f) == normalise_alias(alias) for f in e.forms())
        ]
        assert named, alias
        for entity in named:
            assert norm(entity.name) == canonical, (alias, entity.name, canonical)


@pytest.mark.parametrize(
    ("surface", "expected", "kind"),
    [
        ("Arianespace", "Arianespace", "company"),
        ("TsSKB-Progress", "TsSKB-Progress", "company"),
        ("Khrunichev State Research and Production Space Center", "Khrunichev", "company"),
        ("NPO Lavochkin", "Lavochkin", "company"),
        ("Airbus Defence and Space", "Airbus Defence and Space", "company"),
        ("Mitsubishi Heavy Industries, Ltd.", "Mitsubishi Heavy Industries", "company"),
        ("Commission européenne", "European Commission", "intergovernmental"),
        ("United Nations Office for Outer Space Affairs", "UNOOSA", "intergovernmental"),
        ("ministre des Affaires étrangères", "Minister of Foreign Affairs", "office"),
        ("Directeur général", "Director General", "office"),
        ("Director-General", "Director General", "office"),
        ("Président-directeur général", "Chairman and CEO", "office"),
        ("spationaute", "astronaut", "office"),
        ("direttore generale", "Director General", "office"),
        ("Vorstandsvorsitzender", "Chairman of the Executive Board", "office"),
        ("Copernicus Imaging Microwave Radiometer", "CIMR", "mission"),
        ("Ministry of Education, Culture, Sports, Science and Technology", "MEXT", "ministry"),
        ("Chang Zheng 3B", "Long March 3B", "launcher"),
        ("LM-4B", "Long March 4B", "launcher"),
        ("GSLV Mk III", "LVM3", "launcher"),
        ("H2A", "H-IIA", "launcher"),
        ("Soyuz-ST-B", "Soyuz-ST", "launcher"),
        ("Soyuz/Fregat", "Soyuz-Fregat", "launcher"),
        ("Kennedy Space Center", "Kennedy Space Center", "site"),
        ("SHAR", "Satish Dhawan Space Centre", "site"),
        ("Trace Gas Orbiter", "Trace Gas Orbiter", "spacecraft"),
        ("Emirates Mars Mission", "Hope", "mission"),
        ("Mouse Telemetry for Bion-M2", "MTB-2", "instrument"),
        ("Seismic Experiment for Interior Structure", "SEIS", "instrument"),
        ("Moscou", "Moscow", "city"),
        ("Centre national de la recherche scientifique", "CNRS", "organization"),
    ],
)
def test_knowledge_lookup_covers_every_kind(knowledge, surface, expected, kind):
    found = knowledge.lookup(surface)
    assert found is not None, surface
    assert (found.name, found.type) == (expected, kind)


@pytest.mark.parametrize(
    "name", ["Hope", "Progress", "Microscope", "MICROSCOPE", "InSight", "Proton", "Vega", "Unity", "America"]
)
def test_knowledge_names_that_are_ordinary_words_need_their_capital(knowledge, name):
    assert knowledge.lookup(name) is not None
    assert knowledge.lookup(name.lower()) is None


def test_knowledge_one_name_for_a_rocket_and_a_spacecraft_is_resolved_by_type(knowledge):
    assert knowledge.lookup("Soyuz").type == "launcher"
    assert knowledge.lookup("Soyuz", types=("spacecraft",)).id == "soyuz-spacecraft"
    assert {e.type for e in knowledge.lookup_all("Soyuz")} == {"launcher", "spacecraft"}


def test_knowledge_agency_lineages(knowledge):
    assert [e.id for e in knowledge.lineage("euspa")] == ["gsa-eu", "euspa"]
    assert knowledge.get("uksa").predecessors == ("bnsc",)
    assert set(knowledge.get("esa").predecessors) == {"esro", "eldo"}
    assert "tsskb-progress" in knowledge.get("progress-rsc").predecessors
    assert knowledge.lookup("Glavkosmos", types=("company",)).parent == "roscosmos"


def test_knowledge_every_country_and_parent_points_to_the_right_kind(knowledge):
    for entity in knowledge.entities:
        if entity.variant_of:
            assert knowledge.get(entity.variant_of).type == "launcher", entity.id
            assert entity.type == "launcher", entity.id


def test_knowledge_wikidata_ids_are_unique(knowledge):
    ids = [e.wikidata for e in knowledge.entities if e.wikidata]
    assert len(ids) == len(set(ids))


def test_knowledge_governments_take_their_usual_government_forms(knowledge):
    for surface in (
        "Government of Japan",
        "the French government",
        "Japan's government",
        "the Republic of India",
    ):
        assert knowledge.lookup(surface) is not None, surface
        assert knowledge.lookup(surface).type == "government"


def test_knowledge_docs_table_matches_the_packaged_counts(knowledge):
    # The docs state how much the files hold; this keeps the statement true as the files grow.
    docs = (Path(__file__).resolve().parents[1] / "docs" / "knowledge.md").read_text(encoding="utf-8")
    stated = {}
    for line in docs.splitlines():
        cells = [c.strip(" *") for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[1].isdigit():
            stated[cells[0]] = (int(cells[1]), int(cells[2]))
    for kind in ENTITY_TYPES:
        entities = knowledge.of_type(kind)
        assert stated.get(kind) == (len(entities), sum(len(e.forms()) for e in entities)), kind
    assert stated["all"] == (len(knowledge.entities), sum(len(e.forms()) for e in knowledge.entities))


def test_knowledge_no_alias_is_a_fragment_of_a_name_split_at_a_comma(knowledge):
    # An unquoted comma inside a YAML flow list splits "Mitsubishi Heavy Industries, Ltd." in two.
    fragments = {"ltd", "ltd.", "inc", "inc.", "co.", "s.a.", "llc", "plc", "gmbh", "ag"}
    for form, entity in knowledge.surface_forms():
        words = form.split()
        assert form.lower() not in fragments, (form, entity.id)
        assert words[0].lower() not in {"and", "of", "for", "&"}, (form, entity.id)
