"""The spaCy pipeline: the statistical English model plus spacecoop's own components.

`load(settings)` assembles it; `analyze(document, nlp)` runs it over one Document.
"""

from __future__ import annotations

from spacy.language import Language

from spacecoop.models import AnalyzedDocument, Document
from spacecoop.pipeline.analyze import analyze
from spacecoop.pipeline.components import COMPONENTS, add_components
from spacecoop.pipeline.spacy_model import load_spacy
from spacecoop.settings import Settings

__all__ = ["COMPONENTS", "analyze", "load", "AnalyzedDocument", "Document"]


def load(settings: Settings | None = None) -> Language:
    """The English pipeline with the spacecoop components added (see COMPONENTS)."""
    settings = settings or Settings()
    nlp = load_spacy(settings)
    add_components(nlp, settings.min_confidence)
    return nlp
