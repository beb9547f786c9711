"""Document date, title, publisher and language, each with its evidence."""

from __future__ import annotations

import pytest

from spacecoop.sources import read_source

BODY = "The two agencies agreed to work together on a new mission to study the climate of the planet.\n"


def _read(raw: str, name: str = "doc.txt", url: str | None = None):
    return read_source(name, data=raw.encode("utf-8"), url=url)


@pytest.mark.parametrize(
    ("raw", "iso", "precision", "evidence"),
    [
        ("Paris, 19 April 2016\n\nA meeting\n\n" + BODY, "2016-04-19", "day", "Paris, 19 April 2016"),
        ("June 15, 2018\n\nA meeting\n\n" + BODY, "2018-06-15", "day", "June 15, 2018"),
        (
            "A meeting\n\n" + BODY + "\nPublished : July 21, 2020\n",
            "2020-07-21",
            "day",
            "Published : July 21, 2020",
        ),
        (
            "A meeting\n\nBy Ann Writer | March 3, 2012\n\n" + BODY,
            "2012-03-03",
            "day",
            "By Ann Writer | March 3, 2012",
        ),
        (
            "Site\n\nA meeting\n\nJo Doe 5 minutes ago Thu 15th April 2021 | 12:15 AM\n\n" + BODY,
            "2021-04-15",
            "day",
            "Thu 15th April 2021",
        ),
        (
            "A meeting\n\n" + BODY + "\nLast update: 12 May 2009\n",
            "2009-05-12",
            "day",
            "Last update: 12 May 2009",
        ),
        (" date 2023-12-07 A meeting\n\n" + BODY, "2023-12-07", "day", "date 2023-12-07"),
        (" date 2024-05 A probe\n\nMay 28 (UPI) -- " + BODY, "2024-05-28", "day", "May 28 (UPI)"),
        ("5 Juillet 2016\n\nUne rencontre\n\n" + BODY, "2016-07-05", "day", "5 Juillet 2016"),
        # dates in figures: day first unless a number over 12, a weekday or an American clock says so
        ("A meeting\n\n14/03/2019 120 views 3 likes\n\n" + BODY, "2019-03-14", "day", "14/03/2019"),
        ("A meeting\n\n04/03/2019 120 views\n\n" + BODY, "2019-03-04", "day", "04/03/2019"),
        (
            "A meeting\n\nBy Ann Writer | Tue, 03/05/2019 - 09:12\n\n" + BODY,
            "2019-03-05",
            "day",
            "03/05/2019",
        ),
        ("A meeting\n\nupdated 3/5/2019 4:10:02 PM ET\n\n" + BODY, "2019-03-05", "day", "3/5/2019"),
        ("A meeting\n\n2019 03 14\n\n" + BODY, "2019-03-14", "day", "2019 03 14"),
        ("A meeting\n\nSource:Weather Service Press14-03-2019\n\n" + BODY, "2019-03-14", "day", "Press14"),
        ("A meeting\n\nPublicado em: Recife, 3 de março de 2015\n\n" + BODY, "2015-03-03", "day", "março"),
        ("A meeting\n\nBy Ann Writer\n\nJuly 1999\n\n" + BODY, "1999-07", "month", "July 1999"),
        # lead datelines: a place, then the date, then the story
        ("A meeting\n\nLyon, France (AFP) Mar 4, 2013 " + BODY, "2013-03-04", "day", "Lyon, France (AFP)"),
        ("A meeting\n\nBonn, 4. März 2013 – " + BODY, "2013-03-04", "day", "Bonn, 4. März 2013"),
        ("(Lima, marzo 4 de 2013/ Agencia) – " + BODY, "2013-03-04", "day", "marzo 4 de 2013"),
        (" date 2013-03 Nagpur (Maharashtra) Mar 4 (PTI) " + BODY, "2013-03-04", "day", "Mar 4 (PTI)"),
        (" date 2013-03 Turin, 4 mar. (Agency) - " + BODY, "2013-03-04", "day", "4 mar. (Agency)"),
    ],
)
def test_metadata_reads_datelines(raw: str, iso: str, precision: str, evidence: str) -> None:
    document = _read(raw)
    assert document.date is not None
    assert (document.date.iso, document.date.precision) == (iso, precision)
    assert evidence in document.date_evidence


def test_metadata_year_in_title_and_weekday_in_text_give_the_date() -> None:
    raw = (
        "The agency at the SPACE EXPO 2017 fair\n\nWednesday 19 July, the director visited the stands. "
        + BODY
    )
    document = _read(raw)
    assert document.date is not None and document.date.iso == "2017-07-19"
    assert document.date.confidence < 0.7
    assert "2017" in document.date_evidence and "Wednesday 19 July" in document.date_evidence


def test_metadata_weekday_that_does_not_fit_the_title_year_looks_back() -> None:
    # 19 July was a Wednesday in 2017 and 2023, not in 2018: the latest fitting year is taken.
    document = _read(
        "The agency at the EXPO 2018 fair\n\nWednesday 19 July, the director met partners. " + BODY
    )
    assert document.date is not None and document.date.iso == "2017-07-19"


def test_metadata_site_header_with_todays_date_is_clutter() -> None:
    raw = (
        "Monday, May 27, 2024\n\nTwo agencies sign a memorandum\n\n"
        "The agencies signed a memorandum on Friday, June 11, in a virtual ceremony held in two capitals.\n"
    )
    document = _read(raw)
    assert document.date is not None and document.date.iso == "2021-06-11"


def test_metadata_bare_date_above_the_story_much_later_than_the_byline_is_clutter() -> None:
    raw = "Skip to content\n\n02/11/2025\n\nA meeting\n\nNewsroom / Monday, 6 May 2013 - 10:20\n\n" + BODY
    assert _read(raw).date.iso == "2013-05-06"


def test_metadata_a_correction_notice_is_not_the_publication_date() -> None:
    raw = "A meeting\n\nCorrection — June 20, 2013\n\nSunday, June 9, 2013\n\n" + BODY
    assert _read(raw).date.iso == "2013-06-09"


def test_metadata_prose_wrapped_after_a_date_is_not_a_dateline() -> None:
    raw = "A meeting\n\n" + BODY + "It was launched on 29 October 2018\nby a Long March rocket from China.\n"
    assert "by a Long March rocket" in _read(raw).text


def test_metadata_published_label_beats_a_later_header_date() -> None:
    raw = "Thursday, September 23, 2021\n\nA probe is launched\n\n" + BODY + "\nPublished : July 21, 2020\n"
    document = _read(raw)
    assert document.date is not None and document.date.iso == "2020-07-21"


def test_metadata_address_with_date_is_used() -> None:
    document = _read("A probe\n\n" + BODY, url="https://news.example.org/2015/11/19/probe-visit/")
    assert document.date is not None and (document.date.iso, document.date.note) == ("2015-11-19", "url")


def test_metadata_address_inside_the_text_is_used() -> None:
    document = _read("A probe\n\n" + BODY + "\nSource: https://news.example.org/2013/06/a-probe.html\n")
    assert document.date is not None and (document.date.iso, document.date.precision) == ("2013-06", "month")


def test_metadata_copyright_range_is_weak_evidence() -> None:
    document = _read("A probe\n\n" + BODY + "\nCopyright 2000 - 2012 Example Agency. All rights reserved.\n")
    assert document.date is not None
    assert (document.date.iso, document.date.precision) == ("2012", "year")
    assert document.date.confidence <= 0.3


def test_metadata_event_date_inside_a_sentence_is_not_the_document_date() -> None:
    document = _read(
        "A probe\n\nOn August 22, 2024, the agencies handed over a sample in a small ceremony.\n"
    )
    assert document.date is None
    assert document.date_evidence == ""


def test_metadata_title_skips_menus_and_joins_a_kicker() -> None:
    raw = "Latest News\n\nOcean cooperation\nThe agency at the harbour fair\n\n" + BODY
    assert _read(raw).title.value == "Ocean cooperation: The agency at the harbour fair"


@pytest.mark.parametrize(
    ("tail", "publisher"),
    [
        ("Copyright 2000 - 2017 © European Space Agency. All rights reserved.", "ESA"),
        ("Press contact: Ann Doe   Tel. +33 1 44 00 00 00   ann.doe@cnes.fr", "CNES"),
        ("Questions: media@jaxa.jp", "JAXA"),
    ],
)
def test_metadata_publisher_from_footer_and_contacts(tail: str, publisher: str) -> None:
    document = _read("A probe\n\n" + BODY + "\n" + tail + "\n")
    assert document.publisher.value == publisher
    assert document.publisher.evidence


def test_metadata_publisher_from_archived_address() -> None:
    raw = (
        "The Wayback Machine - https://web.archive.org/web/20090101000000/http://www.dlr.de/page\n\nA probe\n\n"
        + BODY
    )
    assert _read(raw).publisher.value == "DLR"


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("The agency and its partner have signed an agreement that will allow them to share the data.", "en"),
        (
            "L'agence et son partenaire ont signé un accord qui permettra de partager les données de la mission.",
            "fr",
        ),
        (
            "Die Agentur und ihr Partner haben ein Abkommen unterzeichnet, das auch den Austausch der Daten regelt.",
            "de",
        ),
        (
            "A agência e o seu parceiro assinaram um acordo que permite a troca dos dados da missão pelo país.",
            "pt",
        ),
        (
            "La agencia y su socio firmaron un acuerdo que permite el intercambio de los datos de la misión.",
            "es",
        ),
        (
            "L'agenzia e il suo partner hanno firmato un accordo che permetterà di condividere i dati della missione.",
            "it",
        ),
        (
            "La agencia y su socio han firmado un acuerdo que permitirá compartir los datos de la misión con otros.",
            "es",
        ),
        (
            "Агентство и его партнер подписали соглашение, которое позволит им обмениваться данными и также опытом.",
            "ru",
        ),
    ],
)
def test_metadata_language_by_function_words(sentence: str, language: str) -> None:
    assert _read(sentence + "\n").language.value == language


@pytest.mark.parametrize(
    ("gold", "found", "agrees"),
    [
        ("2017-07", "2017-07-19", True),
        ("2017-07-19", "2017-07", False),
        ("2017-07-19", "2017-07-20", False),
        (None, None, True),
        (None, "2017", False),
    ],
)
def test_metadata_evaluation_compares_dates_to_the_gold_precision(gold, found, agrees) -> None:
    from spacecoop.sources.evaluate import date_agrees

    assert date_agrees(gold, found) is agrees


@pytest.mark.parametrize("signature", ["About DLR", "German Aerospace Center", "À propos du CNES"])
def test_metadata_publisher_from_a_signature_at_the_end(signature: str) -> None:
    document = _read(
        "A probe\n\n" + BODY + "\n" + signature + "\n\nThe agency runs research on aeronautics and space.\n"
    )
    assert document.publisher.value == ("CNES" if "CNES" in signature else "DLR")
    assert signature in document.publisher.evidence


def test_metadata_publisher_unknown_to_us_is_named_as_its_copyright_line_does() -> None:
    document = _read(
        "A probe\n\n" + BODY + "\nCopyright 2004 - 2011 Orbital Gazette Ltd. All rights reserved.\n"
    )
    assert document.publisher.value == "Orbital Gazette Ltd"
    assert document.publisher.confidence < 0.9
