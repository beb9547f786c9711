"""Offices over time: equivalent titles, successive holders, queries by office name."""

from __future__ import annotations

import pytest

from spacecoop.resolve import held_on, resolve_all
from spacecoop.resolve.office_names import office_label, split_office_query
from tests.test_resolve_support import make_fact, small_knowledge


def _role(doc, date, person, role, org="Roscosmos"):
    return make_fact(
        "role",
        doc,
        f"{person}, {role} of {org}, spoke.",
        date=date,
        person=person,
        role=role,
        organization=org,
    )


def test_offices_heads_come_out_in_order_with_the_successor_ending_the_term():
    facts = [
        _role("a", "2016-04-19", "Igor Komarov", "Head"),
        _role("b", "2017-07-19", "Igor Komarov", "Chief"),
        _role("c", "2018-06-15", "Dmitry Rogozin", "Director General"),
        _role("d", "2019-02", "Dmitri Rogozin", "Head"),
    ]
    resolution = resolve_all(facts, [], small_knowledge())
    heads = [t for t in resolution.offices if t.organization == "roscosmos"]
    assert [(t.office, t.person, t.start, t.end) for t in heads] == [
        ("Head", "person:igor-komarov", "2016-04-19", "2017-07-19"),
        ("Head", "person:dmitry-rogozin", "2018-06-15", None),
    ]
    events = {e.id: e for e in resolution.events}
    komarov_sources = [s.doc_key for i in heads[0].event_ids for s in events[i].sources]
    assert sorted(komarov_sources) == ["a", "b"]


def test_offices_held_on_a_date_follows_the_interval():
    resolution = resolve_all(
        [
            _role("a", "2016-04-19", "Igor Komarov", "Head"),
            _role("c", "2018-06-15", "Dmitry Rogozin", "Head"),
        ],
        [],
        small_knowledge(),
    )
    komarov, rogozin = sorted(resolution.offices, key=lambda t: t.start)
    assert held_on(komarov, "2016-04-19") and held_on(komarov, "2016")
    assert not held_on(komarov, "2017-01-01")
    assert held_on(rogozin, "2020-05-01") and not held_on(rogozin, "2018-01")


def test_offices_shared_offices_do_not_end_each_other():
    facts = [
        _role("a", "2018-06-15", "Pascale Bresson", "Press Officer", "CNES"),
        _role("a", "2018-06-15", "Raphaël Sart", "Press Officer", "CNES"),
        _role("b", "2019-01-10", "Raphaël Sart", "Press Officer", "CNES"),
    ]
    terms = resolve_all(facts, [], small_knowledge()).offices
    assert [(t.person, t.start, t.end) for t in terms] == [
        ("person:pascale-bresson", "2018-06-15", None),
        ("person:raphael-sart", "2018-06-15", None),
    ]


def test_offices_deputy_is_not_the_head():
    facts = [_role("a", "2019-01", "Ann Lee", "Deputy Head"), _role("a", "2019-01", "Igor Komarov", "Head")]
    terms = resolve_all(facts, [], small_knowledge()).offices
    assert sorted((t.office, t.person) for t in terms) == [
        ("Deputy Head", "person:ann-lee"),
        ("Head", "person:igor-komarov"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Head of Roscosmos", ("Head", "Roscosmos")),
        ("Director General of ESA", ("Head", "ESA")),
        ("ESA Director General", ("Head", "ESA")),
        ("NASA Administrator", ("Head", "NASA")),
        ("President of CNES", ("President", "CNES")),
        ("Press Officer of CNES", ("Press Officer", "CNES")),
    ],
)
def test_office_names_split_a_query_into_office_and_organisation(text, expected):
    assert split_office_query(text) == expected


def test_office_names_unknown_query_is_refused_with_its_text():
    with pytest.raises(ValueError, match="Roscosmos"):
        split_office_query("Roscosmos")


def test_office_names_title_with_organisation_name_reduces_to_the_office():
    assert office_label("ESA Director General", ("ESA", "European Space Agency")) == "Head"
    assert office_label("astronaut") == "Astronaut"


def test_offices_a_former_holder_seen_later_does_not_extend_the_term():
    from spacecoop.resolve import resolve_all
    from tests.test_resolve_support import make_fact, small_knowledge

    facts = [
        make_fact(
            "role",
            "a",
            "NASA Administrator Ada Lorne met the press.",
            date="2010-02-01",
            person="Ada Lorne",
            role="Administrator",
            organization="NASA",
        ),
        make_fact(
            "role",
            "b",
            "The former NASA Administrator Ada Lorne wrote a book.",
            date="2019-05-01",
            person="Ada Lorne",
            role="Administrator",
            organization="NASA",
        ),
    ]
    (term,) = resolve_all(facts, (), small_knowledge()).offices
    assert term.start == "2010-02-01"
    assert term.end == "2010-02-01"  # over by 2019, last seen in office in 2010


def test_offices_an_organisation_that_ceased_ends_its_terms_and_later_sightings_go_to_its_successor():
    from spacecoop.models import Event
    from spacecoop.resolve.offices import Era, office_terms

    def role(event_id, date, org):
        return Event(
            id=event_id,
            type="role",
            args={"role": "Head", "as_of": [date]},
            date=date,
            status=None,
            confidence=0.8,
            sources=(),
            conflicts=(),
            entities=(("organization", org), ("person", "p:koro")),
        )

    eras = {"old-agency": Era(1999, ("new-agency",))}
    terms = office_terms([role("e1", "1996", "old-agency"), role("e2", "2005", "old-agency")], eras)
    by_org = {t.organization: t for t in terms}
    assert by_org["old-agency"].end == "1999"
    assert by_org["new-agency"].start == "2005"


def test_offices_two_titles_held_together_name_the_first_office():
    from spacecoop.resolve.office_names import office_label, split_office_query

    assert office_label("Chairman and CEO") == "President"
    assert office_label("CEO and Chairman") == "Chief Executive"
    assert split_office_query("CEO and Chairman of Orbitex") == ("Chief Executive", "Orbitex")


def test_offices_a_head_seen_later_heading_another_organisation_has_left_the_first():
    from spacecoop.resolve import resolve_all
    from tests.test_resolve_support import make_fact, small_knowledge

    def seen(doc, date, role, org, start=0):
        return make_fact(
            "role",
            doc,
            f"{role} {org}: Mara Velt.",
            date=date,
            person="Mara Velt",
            role=role,
            organization=org,
            start=start,
        )

    facts = [
        seen("a", "2009-04-01", "Chief Executive", "Arianespace"),
        seen("b", "2011-06-01", "Chief Executive", "Arianespace"),
        seen("c", "2015-02-01", "President", "CNES"),
        seen("d", "2016-05-01", "Chair", "ESA Council"),
    ]
    terms = {t.organization: t for t in resolve_all(facts, (), small_knowledge()).offices}
    assert terms["cnes"].end is None
    by_name = {t.office: t for t in terms.values()}
    assert by_name["Chief Executive"].end == "2011-06-01"
