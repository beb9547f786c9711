"""The packaged holders of offices: well-formed, tied to known organisations, terms that follow
each other without overlapping."""

from __future__ import annotations

from collections import defaultdict

import pytest

from spacecoop.knowledge import KnowledgeError, load_knowledge
from spacecoop.knowledge.holders import known_terms, parse_terms


def test_holders_name_known_organisations_and_their_terms_do_not_overlap():
    knowledge = load_knowledge()
    by_office = defaultdict(list)
    for term in known_terms():
        assert knowledge.get(term.organization) is not None, term
        by_office[(term.organization, term.office)].append(term)
    for terms in by_office.values():
        terms.sort(key=lambda t: t.start or "")
        for earlier, later in zip(terms, terms[1:], strict=False):
            assert earlier.end is not None, earlier  # only the last term may still run
            assert earlier.end[:4] <= (later.start or "")[:4], (earlier, later)


def test_holders_cover_the_heads_of_the_main_agencies():
    organizations = {t.organization for t in known_terms()}
    assert {"esa", "nasa", "cnes", "roscosmos", "jaxa", "isro", "dlr", "asi", "cnsa"} <= organizations


def test_holders_reject_bad_dates_and_missing_names():
    with pytest.raises(KnowledgeError, match="ISO"):
        parse_terms("holders:\n  - {organization: esa, office: Head, person: A B, start: 'May 2001'}\n", "t")
    with pytest.raises(KnowledgeError, match="person"):
        parse_terms("holders:\n  - {organization: esa, office: Head, start: '2001'}\n", "t")
    with pytest.raises(KnowledgeError, match="before it starts"):
        parse_terms(
            "holders:\n  - {organization: esa, office: Head, person: A B, start: '2001', end: '1999'}\n", "t"
        )


def test_holders_wikidata_ids_are_q_ids_and_reach_who(tmp_db):
    from spacecoop.models import AnalyzedDocument
    from spacecoop.resolve import resolve_store
    from spacecoop.store import Store
    from spacecoop.store.resolution_queries import who_held
    from tests.test_resolve_support import make_document, make_fact

    with pytest.raises(KnowledgeError, match="Q-id"):
        parse_terms("holders:\n  - {organization: esa, office: Head, person: A B, wikidata: '76'}\n", "t")
    text = "President Barack Obama spoke about the Moon."
    with Store.open(tmp_db) as store:
        fact = make_fact(
            "role",
            "speech",
            text,
            date="2010-04-15",
            person="Barack Obama",
            role="President",
            organization="USA",
        )
        store.save_analyzed(AnalyzedDocument(make_document("speech", text, "2010-04-15"), (), (), (fact,)))
        resolve_store(store)
        (answer,) = who_held(store, "President of the United States", "2012-06-01")
    assert answer["person"]["name"] == "Barack Obama" and answer["person"]["wikidata"] == "Q76"
    assert answer["basis"] == "knowledge and evidence" and answer["end"] == "2017-01"
