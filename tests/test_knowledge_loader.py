"""The knowledge files load, validate, and answer lookups the way the pipeline relies on."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from spacecoop.errors import SpacecoopError
from spacecoop.knowledge import ENTITY_TYPES, KnownEntity, load_knowledge, normalise_alias


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_knowledge_packaged_files_load_with_every_reference_resolved(knowledge):
    ids = {e.id for e in knowledge.entities}
    assert len(ids) == len(knowledge.entities)
    for entity in knowledge.entities:
        assert entity.type in ENTITY_TYPES
        for linked in (*entity.predecessors, *entity.successors, entity.parent, entity.variant_of):
            assert linked is None or linked in ids, (entity.id, linked)


def test_knowledge_packaged_files_cover_every_core_kind(knowledge):
    for kind in ("agency", "government", "launcher", "site"):
        assert len(knowledge.of_type(kind)) >= 25, kind


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Roskosmos", "Roscosmos"),
        ("Federal Space Agency", "Roscosmos"),
        ("the Russian Federal Space Agency", "Roscosmos"),
        ("State Space Corporation Roscosmos", "Roscosmos"),
        ("Russian space agency", "Roscosmos"),
        ("Kourou", "Guiana Space Centre"),
        ("CSG", "Guiana Space Centre"),
        ("Europe's Spaceport", "Guiana Space Centre"),
        ("Europe\u2019s spaceport", "Guiana Space Centre"),
        ("Centre Spatial Guyanais", "Guiana Space Centre"),
        ("Centre national d'études spatiales", "CNES"),
        ("Centre National d\u2019Etudes Spatiales", "CNES"),
        ("Agence spatiale européenne", "ESA"),
        ("Deutsches Zentrum für Luft- und Raumfahrt", "DLR"),
        ("Baikonur Cosmodrome", "Baikonur"),
        ("Baïkonour", "Baikonur"),
        ("Sriharikota", "Satish Dhawan Space Centre"),
        ("the Government of the Russian Federation", "Russia"),
        ("the Russian government", "Russia"),
        ("USSR", "Soviet Union"),
        ("United States", "USA"),
        ("U.S.", "USA"),
        ("People's Republic of China", "China"),
        ("H-2A", "H-IIA"),
        ("CZ-2C", "Long March 2C"),
        ("Longue Marche-2C", "Long March 2C"),
        ("Soyouz", "Soyuz"),
        ("H2-A", "H-IIA"),
        ("Bepi Colombo", "BepiColombo"),
        ("Airbus Defence & Space", "Airbus Defence and Space"),
        ("russische Raumfahrtbehörde", "Roscosmos"),
        ("agenzia spaziale francese", "CNES"),
        ("gouvernement de la Fédération de Russie", "Russia"),
    ],
)
def test_knowledge_lookup_finds_english_french_and_transliterated_forms(knowledge, surface, expected):
    found = knowledge.lookup(surface)
    assert found is not None, surface
    assert found.name == expected


def test_knowledge_rosaviakosmos_is_a_distinct_predecessor_of_roscosmos(knowledge):
    rosaviakosmos = knowledge.lookup("Rosaviakosmos")
    roscosmos = knowledge.get("roscosmos")
    assert rosaviakosmos is not None and roscosmos is not None
    assert rosaviakosmos.id != roscosmos.id
    assert "rosaviakosmos" in roscosmos.predecessors
    assert "roscosmos" in rosaviakosmos.successors  # filled in from the other side
    lineage = [e.name for e in knowledge.lineage("roscosmos")]
    assert lineage == ["Russian Space Agency", "Rosaviakosmos", "Roscosmos"]


def test_knowledge_soviet_glavkosmos_is_not_roscosmos(knowledge):
    glavkosmos = knowledge.lookup("Glavkosmos", types=("agency",))
    assert glavkosmos is not None
    assert glavkosmos.country == "Soviet Union"
    assert glavkosmos.id not in knowledge.get("roscosmos").predecessors


def test_knowledge_isas_is_its_own_entity_inside_jaxa(knowledge):
    isas = knowledge.lookup("Institute of Space and Astronautical Science")
    assert isas is not None and isas.name == "ISAS"
    assert isas.parent == "jaxa"
    assert {"nasda", "nal", "isas"} <= set(knowledge.get("jaxa").predecessors)


@pytest.mark.parametrize(("surface", "expected"), [("CSA", "csa-canada"), ("US", "usa"), ("ASI", "asi")])
def test_knowledge_short_acronyms_match_only_in_their_own_case(knowledge, surface, expected):
    assert knowledge.lookup(surface).id == expected
    assert knowledge.lookup(surface.lower()) is None
    assert knowledge.lookup(surface.capitalize()) is None


def test_knowledge_capitalised_and_descriptive_russian_space_agency_differ(knowledge):
    # The capitalised name is the 1992-1999 agency; the lower-case descriptive form is the press's
    # name for whichever agency was current, which the files take as Roscosmos.
    assert knowledge.lookup("Russian Space Agency").id == "rka"
    assert knowledge.lookup("Russian space agency").id == "roscosmos"


def test_knowledge_demonyms_are_found_only_when_no_alias_matches(knowledge):
    assert knowledge.lookup("Soviet").name == "Soviet Union"
    assert knowledge.lookup("French").name == "France"
    forms = {form for form, _ in knowledge.surface_forms()}
    assert "French" not in forms
    assert "French" in {form for form, _ in knowledge.surface_forms(include_demonyms=True)}


def test_knowledge_launcher_variants_name_their_family(knowledge):
    variant = knowledge.lookup("Soyuz-2.1a")
    assert variant is not None and variant.variant_of == "soyuz-2"
    assert knowledge.get(variant.variant_of).variant_of == "soyuz"


def test_knowledge_surface_forms_include_every_alias(knowledge):
    pairs = knowledge.surface_forms()
    assert ("Roskosmos", knowledge.get("roscosmos")) in pairs
    assert all(isinstance(entity, KnownEntity) for _, entity in pairs)


def test_knowledge_unknown_surface_gives_none(knowledge):
    assert knowledge.lookup("Ministry of Silly Walks") is None
    assert knowledge.get("no-such-id") is None


def test_knowledge_normalise_alias_folds_accents_punctuation_and_article():
    assert normalise_alias("The Centre National d’Études Spatiales") == "centre national detudes spatiales"
    assert normalise_alias("  Europe's   Spaceport ") == "europes spaceport"
    assert normalise_alias("Soyuz-2.1a") == "soyuz 2 1a"


def test_knowledge_user_file_adds_entities_that_can_be_looked_up(tmp_path):
    path = write(
        tmp_path,
        "type: agency\n"
        "entities:\n"
        "  - id: ruritania-space\n"
        "    name: RSO\n"
        "    country: France\n"
        "    aliases: [Ruritanian Space Office, Office spatial ruritanien]\n",
    )
    knowledge = load_knowledge([path])
    assert knowledge.lookup("office spatial ruritanien").id == "ruritania-space"
    assert knowledge.lookup("Roskosmos").id == "roscosmos"  # the packaged data is still there


def test_knowledge_user_folder_is_read_file_by_file(tmp_path):
    write(tmp_path, "- {id: probe-one, name: Probe One, type: mission, aliases: [P1 probe]}\n", "a.yaml")
    write(tmp_path, "- {id: probe-two, name: Probe Two, type: mission, predecessors: [probe-one]}\n", "b.yml")
    knowledge = load_knowledge([tmp_path])
    assert knowledge.get("probe-one").successors == ("probe-two",)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("- {id: esa, name: Copy, type: agency}\n", "id already defined"),
        ("- {id: x1, name: X, type: planet}\n", "type 'planet'"),
        ("- {id: x2, name: X, type: agency, parent: nowhere}\n", "unknown id 'nowhere'"),
        ("- {id: x3, name: X, type: agency, country: Atlantis}\n", "country 'Atlantis'"),
        ("- {id: x4, name: X, type: agency, aliases: [Roskosmos]}\n", "also names 'roscosmos'"),
        ("- {id: x5, name: X, type: agency, wikidata: 42}\n", "wikidata"),
        ("- {id: x6, name: X, type: agency, alias: [Y]}\n", "unknown keys ['alias']"),
        ("- {id: Bad Id, name: X, type: agency}\n", "lower-case slug"),
        ("- {id: x7, type: agency}\n", "missing `name`"),
        ("- {id: x8, name: X, type: agency, active_from: soon}\n", "must be a year"),
        (
            "- {id: x9, name: X, type: agency, active_from: 2000, active_until: 1990}\n",
            "is after active_until",
        ),
        ("- [not, a, mapping]\n", "expected a mapping"),
        ("entities: [\n", "not valid YAML"),
        ("just text\n", "expected a list"),
    ],
)
def test_knowledge_broken_user_file_names_the_file_entry_and_reason(tmp_path, text, reason):
    path = write(tmp_path, text, "broken.yaml")
    with pytest.raises(SpacecoopError) as caught:
        load_knowledge([path])
    message = str(caught.value)
    assert str(path) in message
    assert reason in message


def test_knowledge_alias_shared_within_a_type_is_allowed_when_marked_ambiguous(tmp_path):
    path = write(
        tmp_path,
        "- {id: agency-a, name: Agency A, type: agency, aliases: [NSA-X], ambiguous: [NSA-X]}\n"
        "- {id: agency-b, name: Agency B, type: agency, aliases: [NSA-X], ambiguous: [NSA-X]}\n",
    )
    knowledge = load_knowledge([path])
    assert knowledge.lookup("NSA-X") is None  # ambiguous between two agencies
    assert {e.id for e in knowledge.lookup_all("NSA-X")} == {"agency-a", "agency-b"}


def test_knowledge_missing_user_file_is_a_clear_error(tmp_path):
    with pytest.raises(SpacecoopError, match="not found"):
        load_knowledge([tmp_path / "absent.yaml"])


@pytest.mark.parametrize(
    ("surface", "expected", "designation"),
    [
        ("Soyuz MS-18", "soyuz-ms", "18"),
        ("H-IIA F47", "h-iia", "F47"),
        ("H-2A (Launch Vehicle No. 42)", "h-iia", "Launch Vehicle No. 42"),
        ("Ariane 5 VA250", "ariane-5", "VA250"),
        ("Progress MS-15", "progress-spacecraft", "15"),
        ("CFOSat (China-France Oceanography Satellite)", "cfosat", ""),
        ("Sentinel-1B (second unit)", "sentinel-1b", "second unit"),
        ("Long March 2C", "long-march-2c", ""),
        ("PSLV-C37", "pslv", "C37"),
        ("LVM3-M4", "lvm3", "M4"),
        ("Long March 5 Y4", "long-march-5", "Y4"),
        ("SpaceX Crew-8", "commercial-crew", "8"),
    ],
)
def test_knowledge_lookup_series_finds_the_family_of_a_numbered_flight(
    knowledge, surface, expected, designation
):
    entity, found_designation = knowledge.lookup_series(surface)
    assert (entity.id, found_designation) == (expected, designation)


def test_knowledge_lookup_series_gives_none_for_unknown_families(knowledge):
    assert knowledge.lookup_series("Flying Teapot 7") is None


def test_knowledge_matcher_forms_say_which_forms_need_their_case(knowledge):
    exact = {(form, entity.id): flag for form, entity, flag in knowledge.matcher_forms()}
    assert exact[("Hope", "emm-hope")] is True
    assert exact[("CSA", "csa-canada")] is True
    assert exact[("Emirates Mars Mission", "emm-hope")] is False
    assert exact[("Roskosmos", "roscosmos")] is False


@pytest.mark.parametrize(
    ("surface", "expected"),
    [("ESA's", "esa"), ("NASA\u2019s", "nasa"), ("the French Centre National d'Etudes Spatiales", "cnes")],
)
def test_knowledge_lookup_sees_through_possessives_and_national_qualifiers(knowledge, surface, expected):
    assert knowledge.lookup(surface).id == expected


@pytest.mark.parametrize("surface", ["Russian Space Force", "Chinese Space Force"])
def test_knowledge_lookup_keeps_another_states_body_apart(knowledge, surface):
    # the U.S. Space Force is "Space Force" too; another state's adjective makes another body
    found = knowledge.lookup(surface)
    assert found is None or found.id != "us-space-force"


def test_a_national_body_named_after_another_states_adjective_is_not_the_known_one(nlp):
    doc = nlp("The commander of the Russian Space Force met officers of the U.S. Space Force.")
    known = {ent.text: ent._.canonical for ent in doc.ents if ent._.canonical}
    assert "Space Force" not in known
    assert known.get("U.S. Space Force") == "U.S. Space Force"


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1995, "rka"),
        (1999, "rosaviakosmos"),
        (2003, "rosaviakosmos"),
        (2004, "roscosmos"),
        (2022, "roscosmos"),
    ],
)
def test_knowledge_as_of_names_the_body_that_existed_that_year(knowledge, year, expected):
    assert knowledge.as_of("roscosmos", year).id == expected
    assert knowledge.as_of("rka", year).id == expected


def test_knowledge_as_of_keeps_the_entity_when_several_bodies_later_merged(knowledge):
    # NASDA, NAL and ISAS all existed in 1995; none of them alone is "JAXA in 1995".
    assert knowledge.as_of("jaxa", 1995).id == "jaxa"
    assert knowledge.as_of("nasda", 1995).id == "nasda"
    assert knowledge.as_of("no-such-id", 1995) is None


def test_knowledge_survives_pickling_for_worker_processes(knowledge):
    copy = pickle.loads(pickle.dumps(knowledge))
    assert copy == knowledge
    assert copy.lookup("Europe's Spaceport").id == "guiana-space-centre"
    assert copy.lookup("hope") is None


def test_knowledge_accepts_one_path_given_on_its_own(tmp_path):
    path = write(tmp_path, "- {id: probe-three, name: Probe Three, type: mission}\n")
    assert load_knowledge(str(path)).get("probe-three") is not None
    assert load_knowledge(path).get("probe-three") is not None


def test_knowledge_file_default_type_can_be_overridden_per_entry(tmp_path):
    path = write(
        tmp_path,
        "type: mission\n"
        "entities:\n"
        "  - {id: probe-four, name: Probe Four}\n"
        "  - {id: probe-four-camera, name: P4 Camera, type: instrument, parent: probe-four}\n",
    )
    knowledge = load_knowledge([path])
    assert knowledge.get("probe-four").type == "mission"
    assert knowledge.get("probe-four-camera").type == "instrument"


def test_knowledge_exact_case_true_makes_every_form_case_sensitive(tmp_path):
    path = write(
        tmp_path,
        "- {id: dawnlight, name: Dawnlight, type: mission, aliases: [Dawnlight Probe], exact_case: true}\n",
    )
    knowledge = load_knowledge([path])
    assert knowledge.lookup("Dawnlight Probe").id == "dawnlight"
    assert knowledge.lookup("dawnlight probe") is None


def test_knowledge_folder_ignores_files_that_are_not_yaml(tmp_path):
    write(tmp_path, "- {id: probe-five, name: Probe Five, type: mission}\n", "entries.yaml")
    write(tmp_path, "notes for humans, not data", "README.txt")
    assert load_knowledge([tmp_path]).get("probe-five") is not None


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Federal Space Agency of the Russian Federation (Roscosmos)", "roscosmos"),
        ("China National Space Administration (CNSA)", "cnsa"),
        ("the Ruritanian Rocket Office (CNES)", "cnes"),
        ("SWOT (a new ocean mission)", "swot"),
    ],
)
def test_knowledge_lookup_reads_a_name_with_its_expansion_in_parentheses(knowledge, surface, expected):
    assert knowledge.lookup(surface).id == expected


def test_knowledge_lookup_refuses_a_name_whose_parts_disagree(knowledge):
    assert knowledge.lookup("NASA (CNES)") is None
