"""Run the pipeline over one Document and collect what the store keeps."""

from __future__ import annotations

from spacy.language import Language

from spacecoop.models import AnalyzedDocument, Document, Mention, Sentence, Span
from spacecoop.pipeline.extensions import register_extensions


def analyze(document: Document, nlp: Language) -> AnalyzedDocument:
    register_extensions()
    doc = nlp.make_doc(document.text)
    doc._.document = document
    doc = nlp(doc)
    sentences = tuple(
        Sentence(i, s.start_char, s.end_char, s.text)
        for i, s in enumerate(s for s in doc.sents if s.text.strip())
    )
    mentions = tuple(
        Mention(e.text, e.label_, Span(e.start_char, e.end_char, e.text), e.kb_id_ or None, e._.canonical)
        for e in doc.ents
    )
    return AnalyzedDocument(document, sentences, mentions, tuple(doc._.facts or ()))
