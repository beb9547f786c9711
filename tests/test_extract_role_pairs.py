"""Roles from (person, organisation) pairs decided by a model: candidates, features, the decision."""

from __future__ import annotations

from spacecoop.extract import extract_facts
from spacecoop.extract.role_pairs import PairModel
from spacecoop.knowledge import load_knowledge
from tests.extract_support import make_document


def _annotated(nlp, text: str):
    document = make_document(text, "2019-04-02")
    doc = nlp.make_doc(text)
    doc._.document = document
    for name, component in nlp.pipeline:
        if name != "spacecoop_facts":
            doc = component(doc)
    return document, doc


def _pairs(nlp, text: str, model: PairModel | None = None):
    document, doc = _annotated(nlp, text)
    sink: list = []
    facts = extract_facts(doc, document, load_knowledge(), doc._.timexes or [], model, sink)
    return facts, sink


# A sentence whose word order no role construction covers: the office trails after a clause.
TEXT = "Maria Kovacs, who became director last spring, spoke for the Hungarian Space Office at the meeting."


def test_role_pairs_propose_a_person_and_a_body_near_an_office_word(nlp) -> None:
    _, sink = _pairs(nlp, TEXT)
    pairs = {(c.person.name, c.organization.name, c.office) for _, c, _ in sink}
    assert any(person == "Maria Kovacs" and office == "director" for person, _, office in pairs)
    features = next(f for _, c, f in sink if c.person.name == "Maria Kovacs")
    assert features["office_between"] == 1.0 or features["office_after"] == 1.0
    assert any(name.startswith("shape=") for name in features)


def test_role_pairs_become_roles_only_when_the_model_is_confident(nlp) -> None:
    eager = PairModel({"office_after": 3.0, "office_between": 3.0}, -1.0, 0.5)
    facts, _ = _pairs(nlp, TEXT, eager)
    roles = [f for f in facts if f.type == "role" and "pair model" in " ".join(f.notes)]
    assert [(f.args["person"], f.args["role"]) for f in roles][:1] == [("Maria Kovacs", "Director")]
    assert roles[0].date.iso == "2019-04-02"
    doubtful = PairModel({}, -3.0, 0.5)
    facts, _ = _pairs(nlp, TEXT, doubtful)
    assert not [f for f in facts if "pair model" in " ".join(f.notes)]


def test_role_pairs_leave_alone_what_the_constructions_found(nlp) -> None:
    facts, sink = _pairs(nlp, "NASA Administrator Jim Bridenstine met the press in Houston.", None)
    assert any(f.type == "role" and f.args["person"] == "Jim Bridenstine" for f in facts)
    assert not [c for _, c, _ in sink if c.person.name == "Jim Bridenstine" and c.organization.name == "NASA"]


def test_role_pair_model_round_trips() -> None:
    model = PairModel({"comma": 1.25}, -0.5, 0.3)
    assert PairModel.from_dict(model.to_dict()) == model
    assert 0.0 < model.probability({"comma": 1.0}) < 1.0
