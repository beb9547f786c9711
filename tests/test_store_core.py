"""The Store API: saving analyzed documents, reading them back, filtering facts, resolutions."""

from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import func, select

from spacecoop import models
from spacecoop.errors import BadQuery, NotFound, StoreError
from spacecoop.settings import Settings
from spacecoop.store import Store, schema

TEXT = (
    "NASA and JAXA signed an agreement on lunar exploration in Tokyo on 3 May 2021. "
    "The Director General of ESA met the President of CNES in Paris. "
    "A Soyuz rocket lifted off from Baikonur with two satellites."
)


def make_document(
    key: str = "release_1", text: str = TEXT, date: str | None = "2021-05-04", **extra
) -> models.Document:
    """A Document as the sources stage would give it, built by hand."""
    header = f"FROM THE {key.upper()} DESK\n"  # so documents with the same text differ by name
    raw = f"{header}{text}\nFOOTER"
    offsets = models.OffsetMap(((0, len(header), len(text)),))
    return models.Document(
        id=hashlib.sha256(raw.encode()).hexdigest(),
        key=key,
        source=f"/data/{key}.txt",
        form="text",
        raw_text=raw,
        text=text,
        offsets=offsets,
        date=models.DateValue(date, "day", confidence=0.9) if date else None,
        date_evidence="dateline" if date else "",
        title=models.MetaValue(f"Title of {key}", "first line"),
        publisher=models.MetaValue("ESA", "signature"),
        language=models.MetaValue("en", "stopwords"),
        contacts=(
            models.Contact(name="Ann Example", role="Press officer", email="ann@example.org", line="Ann"),
        ),
        **extra,
    )


def sentences_of(text: str) -> tuple[models.Sentence, ...]:
    found = [m for m in re.finditer(r"[^.]+\.", text)]
    return tuple(
        models.Sentence(i, m.start() + (len(m.group()) - len(m.group().lstrip())), m.end(), m.group().strip())
        for i, m in enumerate(found)
    )


def make_fact(
    document: models.Document, sentence: int, type_: str, args: dict, date: str | None, **kw
) -> models.Fact:
    s = sentences_of(document.text)[sentence]
    return models.Fact(
        type=type_,
        doc=document.key,
        args=args,
        evidence=models.Span(s.start, s.end, s.text),
        date=models.DateValue(date, "day" if date and len(date) == 10 else "year") if date else None,
        doc_id=document.id,
        **kw,
    )


def make_analyzed(document: models.Document | None = None, facts_dates=("2021-05-03", "2021", None)):
    document = document or make_document()
    agreement, meeting, launch = facts_dates
    facts = (
        make_fact(
            document,
            0,
            "agreement",
            {"parties": ["NASA", "JAXA"], "place": "Tokyo"},
            agreement,
            status="signed",
        ),
        make_fact(
            document,
            1,
            "meeting",
            {"participants": [], "organizations": ["ESA", "CNES"], "place": "Paris"},
            meeting,
        ),
        make_fact(
            document,
            2,
            "launch",
            {"vehicle": "Soyuz", "site": "Baikonur", "payloads": []},
            launch,
            status="done",
        ),
    )
    mentions = (models.Mention("NASA", "ORG", models.Span(0, 4, "NASA"), "nasa", "NASA"),)
    return models.AnalyzedDocument(document, sentences_of(document.text), mentions, facts)


# On PostgreSQL when SPACECOOP_TEST_DB names a server (see tests/conftest.py).
@pytest.fixture()
def store(tmp_db):
    with Store.open(tmp_db) as opened:
        yield opened


@pytest.fixture()
def sqlite_store(tmp_db):
    with Store.open(tmp_db) as opened:
        yield opened


def count(store: Store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_store_save_analyzed_stores_document_sentences_mentions_facts(store):
    analyzed = make_analyzed()
    assert store.save_analyzed(analyzed) is True
    assert store.has_document(analyzed.document.id)
    assert (count(store, schema.sentences), count(store, schema.mentions), count(store, schema.facts)) == (
        3,
        1,
        3,
    )


def test_store_save_analyzed_twice_is_a_no_op(store):
    analyzed = make_analyzed()
    store.save_analyzed(analyzed)
    assert store.save_analyzed(analyzed) is False
    assert (count(store, schema.documents), count(store, schema.facts)) == (1, 3)


def test_store_save_analyzed_replace_rewrites_the_documents_rows(store):
    store.save_analyzed(make_analyzed())
    fewer = make_analyzed()
    fewer = models.AnalyzedDocument(fewer.document, fewer.sentences, (), fewer.facts[:1])
    assert store.save_analyzed(fewer, replace=True) is True
    assert (count(store, schema.documents), count(store, schema.facts), count(store, schema.mentions)) == (
        1,
        1,
        0,
    )


def test_store_failed_save_leaves_nothing_behind(store):
    analyzed = make_analyzed()
    # Two sentences with the same index break the primary key half-way through the transaction.
    broken = models.AnalyzedDocument(analyzed.document, analyzed.sentences + analyzed.sentences[:1], (), ())
    with pytest.raises(StoreError, match="release_1"):
        store.save_analyzed(broken)
    assert not store.has_document(analyzed.document.id)
    assert count(store, schema.sentences) == 0


def test_store_document_found_by_id_key_and_prefix(store):
    analyzed = make_analyzed()
    store.save_analyzed(analyzed)
    doc_id = analyzed.document.id
    for ref in (doc_id, "release_1", doc_id[:8]):
        found = store.document(ref)
        assert found["id"] == doc_id
    assert found["contacts"][0]["email"] == "ann@example.org"
    assert (found["sentences"], found["facts"]) == (3, 3)
    assert found["text"] == TEXT and found["date_evidence"] == "dateline"


def test_store_document_unknown_raises_not_found(store):
    with pytest.raises(NotFound, match="nothing-here"):
        store.document("nothing-here")


def test_store_document_shared_key_is_ambiguous(store):
    store.save_analyzed(make_analyzed(make_document("same")))
    store.save_analyzed(make_analyzed(make_document("same", text=TEXT + " Nothing else.")))
    with pytest.raises(BadQuery, match="ambiguous"):
        store.document("same")


def test_store_documents_lists_metadata_with_counts_by_date(store):
    store.save_analyzed(make_analyzed(make_document("late", date="2022-01-01")))
    store.save_analyzed(make_analyzed(make_document("undated", date=None)))
    store.save_analyzed(make_analyzed(make_document("early", date="2019-07")))
    listed = store.documents()
    assert [d["key"] for d in listed] == ["early", "late", "undated"]
    assert listed[0]["sentences"] == 3 and listed[0]["facts"] == 3
    assert "text" not in listed[0]


def test_store_sentences_in_order_with_offsets(store):
    analyzed = make_analyzed()
    store.save_analyzed(analyzed)
    rows = store.sentences(analyzed.document.id)
    assert [r["idx"] for r in rows] == [0, 1, 2]
    assert all(TEXT[r["start"] : r["end"]] == r["text"] for r in rows)


def test_store_facts_have_exchange_shape_with_id_and_raw_offsets(store):
    analyzed = make_analyzed()
    store.save_analyzed(analyzed)
    agreement = store.facts(type="agreement")[0]
    expected = analyzed.facts[0]
    assert agreement["id"] == expected.id
    assert {k: agreement[k] for k in expected.to_record()} == expected.to_record()
    raw = analyzed.document.raw_text
    assert raw[agreement["raw_start"] : agreement["raw_end"]] == expected.evidence.text


@pytest.mark.parametrize(
    ("since", "until", "kept"),
    [
        ("2021-05", None, {"agreement", "meeting"}),  # the 2021 meeting overlaps May 2021
        ("2021-06", None, {"meeting"}),
        (None, "2021-05-02", {"meeting"}),
        (None, "2020", set()),
        ("2021", "2021", {"agreement", "meeting"}),
    ],
)
def test_store_facts_date_range_overlaps_at_coarser_precision(store, since, until, kept):
    store.save_analyzed(make_analyzed())
    assert {f["type"] for f in store.facts(since=since, until=until)} == kept


def test_store_facts_entity_matches_argument_names_as_words(store):
    store.save_analyzed(make_analyzed())
    assert {f["type"] for f in store.facts(entity="jaxa")} == {"agreement"}
    assert {f["type"] for f in store.facts(entity="Baikonur")} == {"launch"}
    assert store.facts(entity="AXA") == []  # inside a word does not count


def test_store_facts_limit_and_doc_filter(store):
    first = make_analyzed()
    store.save_analyzed(first)
    store.save_analyzed(make_analyzed(make_document("other")))
    assert len(store.facts(limit=2)) == 2
    assert {f["doc_id"] for f in store.facts(doc_id=first.document.id)} == {first.document.id}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"type": "treaty"}, "unknown fact type"),
        ({"since": "May 2021"}, "not an ISO date"),
        ({"until": "2021-02-30"}, "no such day"),
        ({"since": "2021-13"}, "not an ISO date"),
    ],
)
def test_store_facts_bad_query_names_the_parameter(store, kwargs, message):
    with pytest.raises(BadQuery, match=message):
        store.facts(**kwargs)


def test_store_all_facts_and_documents_rebuild_records(store):
    analyzed = make_analyzed()
    store.save_analyzed(analyzed)
    assert {f.id for f in store.all_facts()} == {f.id for f in analyzed.facts}
    (document,) = store.all_documents()
    assert document == analyzed.document


def make_resolution(analyzed: models.AnalyzedDocument) -> models.Resolution:
    agreement = analyzed.facts[0]
    source = models.FactSource(
        agreement.id, analyzed.document.id, "release_1", agreement.evidence, "2021-05-03", "signed", 0.8
    )
    event = models.Event(
        "ev1",
        "agreement",
        {"parties": ["NASA", "JAXA"]},
        "2021-05-03",
        "signed",
        0.8,
        (source, source),
        entities=(("party", "jaxa"), ("party", "nasa"), ("party", "jaxa")),
    )
    jaxa = models.Entity(
        "jaxa", "JAXA", "ORG", aliases=("Japan Aerospace Exploration Agency", "JAXA"), predecessors=("nasda",)
    )
    nasda = models.Entity("nasda", "NASDA", "ORG", aliases=("National Space Development Agency of Japan",))
    term = models.OfficeTerm("President", "JAXA", "Someone Example", "2018", None, ("ev1",))
    return models.Resolution(
        (jaxa, nasda), (event,), (term,), (models.EventLink("ev1", "ev1", "realised_as"),)
    )


def test_store_save_resolution_replaces_tables_and_dedupes(store):
    analyzed = make_analyzed()
    store.save_analyzed(analyzed)
    resolution = make_resolution(analyzed)
    store.save_resolution(resolution)
    store.save_resolution(resolution)
    assert count(store, schema.events) == 1
    assert count(store, schema.event_sources) == 1
    assert count(store, schema.event_entities) == 2
    assert count(store, schema.aliases) == 3


def test_store_facts_entity_follows_resolved_aliases(store):
    analyzed = make_analyzed()
    store.save_analyzed(analyzed)
    assert store.facts(entity="Japan Aerospace Exploration Agency") == []
    store.save_resolution(make_resolution(analyzed))
    found = store.facts(entity="japan aerospace exploration agency")
    assert [f["type"] for f in found] == ["agreement"]


@pytest.mark.sqlite_only  # FTS5 ranking and highlighting
def test_store_search_tables_follow_saves(sqlite_store):
    store = sqlite_store
    analyzed = make_analyzed()
    store.save_analyzed(analyzed)
    store.save_resolution(make_resolution(analyzed))
    with store.engine.connect() as conn:
        docs = conn.exec_driver_sql(
            "SELECT doc_id FROM documents_fts WHERE documents_fts MATCH 'Baikonur'"
        ).all()
        events = conn.exec_driver_sql("SELECT event_id FROM events_fts WHERE events_fts MATCH 'lunar'").all()
    assert docs == [(analyzed.document.id,)]
    assert events == [("ev1",)]


def test_store_open_accepts_settings_and_urls(tmp_path):
    path = tmp_path / "a.db"
    with Store.open(Settings(db=str(path))) as first:
        first.save_analyzed(make_analyzed())
    with Store.open(f"sqlite:///{path}") as second:
        assert len(second.documents()) == 1
    with Store.open("sqlite://") as memory:
        memory.save_analyzed(make_analyzed())
        assert len(memory.facts()) == 3


def test_store_open_missing_folder_or_garbage_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "no" / "such" / "x.db"))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store.open(str(junk))


def test_store_fact_from_a_contact_line_points_at_it_in_the_raw_text(store):
    line = "Ann\u00a0Example\u00a0 Press officer"
    raw = f"Agencies agree.\n\n{line}\n"
    contact = models.Contact("Ann Example", "Press officer", line=line, raw_start=17, raw_end=17 + len(line))
    document = models.Document(
        "c0ffee" * 10, "contacts", "contacts.txt", "text", raw, "Agencies agree.", contacts=(contact,)
    )
    role = models.Fact(
        "role", "contacts", {"person": "Ann Example"}, models.Span(-1, -1, "Ann Example  Press officer")
    )
    lost = models.Fact("role", "contacts", {"person": "Bob"}, models.Span(-1, -1, "Bob, nowhere to be seen"))
    store.save_analyzed(models.AnalyzedDocument(document, (), (), (role, lost)))
    offsets = {f["person"]: (f["raw_start"], f["raw_end"]) for f in store.facts()}
    assert raw[slice(*offsets["Ann Example"])] == contact.line
    assert offsets["Bob"] == (None, None)
