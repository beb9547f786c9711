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
