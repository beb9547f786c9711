"""The facts of a document, extracted sentence by sentence (see spacecoop.extract)."""

from __future__ import annotations

from spacy.tokens import Doc

from spacecoop.extract import extract_facts
from spacecoop.knowledge import load_knowledge
from spacecoop.pipeline.extensions import register_extensions


class FactsComponent:
    def __init__(self, knowledge=None) -> None:
        register_extensions()
        self.knowledge = knowledge or load_knowledge()

    def __call__(self, doc: Doc) -> Doc:
        doc._.facts = extract_facts(doc, doc._.document, self.knowledge, doc._.timexes or [])
        return doc
