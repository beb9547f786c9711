"""The facts of a document, extracted sentence by sentence (see spacecoop.extract)."""

from __future__ import annotations

from spacy.tokens import Doc

from spacecoop.extract import extract_facts
from spacecoop.extract.confidence import calibrated, packaged_model
from spacecoop.extract.role_pairs import packaged_pair_model
from spacecoop.knowledge import load_knowledge
from spacecoop.pipeline.extensions import register_extensions


class FactsComponent:
    """Facts with calibrated confidence; those below `min_confidence` (default: each type's fitted
    threshold) are left out."""

    def __init__(self, knowledge=None, min_confidence: float | None = None) -> None:
        register_extensions()
        self.knowledge = knowledge or load_knowledge()
        self.min_confidence = min_confidence
        self.confidence_model = packaged_model()
        self.pair_model = packaged_pair_model()

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        facts = extract_facts(doc, document, self.knowledge, doc._.timexes or [], self.pair_model)
        language = document.language.value if document is not None else None
        doc._.facts = calibrated(facts, language, self.confidence_model, self.min_confidence)
        return doc
