"""Custom attributes the spacecoop components read and write on a spaCy Doc and Span."""

from __future__ import annotations

from spacy.tokens import Doc, Span


def register_extensions() -> None:
    # document: the models.Document being analysed (its date anchors relative dates)
    for name, default in (("document", None), ("timexes", None), ("facts", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    # canonical: the knowledge base's canonical name; kind: its type (agency, launcher, ...)
    for name in ("canonical", "kind"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
