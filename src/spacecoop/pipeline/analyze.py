"""Run the pipeline over one Document and collect what the store keeps."""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language

from spacecoop.models import AnalyzedDocument, Document, Fact, Mention, Sentence, Span
from spacecoop.pipeline.extensions import register_extensions

# spaCy refuses texts over nlp.max_length (1,000,000 characters) and its memory grows with length:
# a long document is analysed in paragraph-aligned chunks of at most this size.
CHUNK_CHARS = 100_000


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """[start, end) pieces of the text, cut at paragraph (else line, else space) breaks."""
    bounds, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        end = start + (cut + 1 if cut > limit // 2 else limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _shift(span: Span, by: int) -> Span:
    return span if span.start < 0 else Span(span.start + by, span.end + by, span.text)


def analyze_text(document: Document, nlp: Language, offset: int):
    doc = nlp.make_doc(document.text)
    doc._.document = document
    doc = nlp(doc)
    sentences = [(s.start_char + offset, s.end_char + offset, s.text) for s in doc.sents if s.text.strip()]
    mentions = [
        Mention(
            e.text,
            e.label_,
            Span(e.start_char + offset, e.end_char + offset, e.text),
            e.kb_id_ or None,
            e._.canonical,
        )
        for e in doc.ents
    ]
    facts: list[Fact] = [replace(f, evidence=_shift(f.evidence, offset)) for f in doc._.facts or ()]
    return sentences, mentions, facts


def analyze(document: Document, nlp: Language) -> AnalyzedDocument:
    register_extensions()
    sentences, mentions, facts = [], [], []
    bounds = chunk_bounds(document.text)
    for n, (start, end) in enumerate(bounds):
        # contacts are read once, with the first chunk
        part = (
            document
            if len(bounds) == 1
            else replace(
                document, text=document.text[start:end], contacts=document.contacts if n == 0 else ()
            )
        )
        s, m, f = analyze_text(part, nlp, start)
        sentences += s
        mentions += m
        facts += f
    return AnalyzedDocument(
        document,
        tuple(Sentence(i, start, end, text) for i, (start, end, text) in enumerate(sentences)),
        tuple(mentions),
        tuple(facts),
    )
