"""Any text a document can hold is stored, on SQLite and on PostgreSQL alike (SPACECOOP_TEST_DB)."""

from __future__ import annotations

import dataclasses

from spacecoop import models
from spacecoop.store import Store
from tests.test_store_core import TEXT, make_analyzed, make_document

AWKWARD = "NUL\x00 here, emoji \U0001f680, RTL \u05e9\u05dc\u05d5\u05dd, quotes ' \" \\ and %_ wildcards"


def test_store_text_with_nul_and_awkward_characters_round_trips(tmp_db):
    document = make_document("awkward", text=TEXT + "\n\x00 " + AWKWARD)
    document = dataclasses.replace(document, title=models.MetaValue("Title\x00 with NUL", "Title"))
    analyzed = make_analyzed(document)
    with Store.open(tmp_db) as store:
        assert store.save_analyzed(analyzed)
        stored = store.document("awkward")
        facts = store.facts(doc_id=document.id)
    # One character for one, so every offset into the text still points where it did.
    assert stored["text"] == document.text.replace("\x00", "\ufffd")
    assert len(stored["text"]) == len(document.text)
    assert stored["title"] == "Title\ufffd with NUL"
    assert "\U0001f680" in stored["text"] and "\u05e9\u05dc\u05d5\u05dd" in stored["text"]
    assert len(facts) == len(analyzed.facts)


def test_store_entity_filter_with_like_wildcards_matches_literally(tmp_db):
    with Store.open(tmp_db) as store:
        store.save_analyzed(make_analyzed())
        assert store.facts(entity="%") == [] and store.facts(entity="_ASA") == []
