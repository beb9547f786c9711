"""Which payloads name one spacecraft (launched once) and which a class, a family or a batch."""

from __future__ import annotations

import pytest

from spacecoop.knowledge import KnowledgeError, load_knowledge
from spacecoop.knowledge.loader import _parse
from spacecoop.models import Entity
from spacecoop.resolve.payloads import one_off_payloads


def _one_off(*entities: Entity) -> set[str]:
    return set(one_off_payloads(entities, load_knowledge()))


def test_payloads_known_craft_the_knowledge_marks_or_names_by_number_fly_once():
    knowledge = load_knowledge()
    ids = ["gaia", "insight", "saocom-1a", "tandem-x", "rosalind-franklin", "soyuz-spacecraft", "dragon"]
    entities = [Entity(i, knowledge.get(i).name, knowledge.get(i).type) for i in ids]
    assert _one_off(*entities) == {"gaia", "insight", "saocom-1a", "tandem-x", "rosalind-franklin"}


def test_payloads_programmes_constellations_and_families_fly_many_times():
    knowledge = load_knowledge()
    ids = ["galileo", "copernicus", "starlink", "gsat", "meteor-m", "saocom", "sentinel-2"]
    entities = [Entity(i, knowledge.get(i).name, knowledge.get(i).type) for i in ids]
    assert _one_off(*entities) == set()


def test_payloads_unknown_names_fly_once_only_when_they_are_proper_names():
    once = [Entity("mission:lyra-4", "Lyra-4", "mission"), Entity("mission:corvo", "Corvo", "mission")]
    many = [
        Entity("mission:two-sats", "two Orla satellites", "mission"),
        Entity("mission:sat", "Orla satellite", "mission"),
        Entity("mission:batch", "36 Orla satellites", "mission"),
        Entity("mission:lower", "weather probe", "mission"),
    ]
    assert _one_off(*once, *many) == {"mission:lyra-4", "mission:corvo"}


def test_payloads_knowledge_rejects_an_unknown_flies_value():
    text = "type: mission\nentities:\n  - {id: zed, name: Zed, flies: twice}\n"
    with pytest.raises(KnowledgeError, match="flies"):
        _parse(text, "test.yaml")
