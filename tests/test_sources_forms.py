"""Each form of document is read, cleaned and dated: the bundled samples and small inputs."""

from __future__ import annotations

import pytest

from spacecoop.sources import read_source
from tests.conftest import SAMPLES
from tests.test_sources_support import assert_sentences_map_back

SAMPLE_EXPECTATIONS = [
    # file, form, date, title, language
    ("apollo_soyuz_1975.txt", "text", "2025-07-17", "Fifty years since Apollo and Soyuz met in orbit", "en"),
    (
        "orion_service_module_webpage.txt",
        "web-text",
        "2023-04-04",
        "Europe powers Orion towards the Moon",
        "en",
    ),
    (
        "soyuz_galileo_kourou_2011.html",
        "html",
        "2011-10-21",
        "First Soyuz lifts off from Europe's Spaceport with two Galileo satellites",
        "en",
    ),
    ("iss_agreement_wayback.txt", "wayback", "2008-03-14", "The Intergovernmental Agreement", "en"),
    ("artemis_accords_2020.md", "markdown", "2020-10-14", "Eight nations sign the Artemis Accords", "en"),
    ("accords_artemis_fr.txt", "text", "2020-10-14", "Huit pays signent les accords Artemis", "fr"),
    (
        "cfosat_launch_2018.pdf",
        "pdf",
        "2018-10-30",
        "CFOSAT: a French-Chinese satellite to watch the ocean",
        "en",
    ),
    ("hayabusa2_mascot_release.txt", "text", "2018-10-04", "MASCOT lands on asteroid Ryugu", "en"),
]


@pytest.mark.parametrize(("name", "form", "iso", "title", "language"), SAMPLE_EXPECTATIONS)
def test_sources_reads_every_sample(name: str, form: str, iso: str, title: str, language: str) -> None:
    document = read_source(SAMPLES / name)
    assert document.form == form
    assert document.date is not None and document.date.iso == iso
    assert document.title.value == title
    assert document.language.value == language
    assert document.key == name.rsplit(".", 1)[0]
    assert len(document.id) == 64
    assert_sentences_map_back(document)


def test_sources_samples_cover_every_form() -> None:
    forms = {
        read_source(path).form for path in SAMPLES.iterdir() if path.suffix != ".md" or path.stem != "README"
    }
    assert {"text", "web-text", "html", "wayback", "markdown", "pdf"} <= forms


def test_sources_plain_text_keeps_paragraphs() -> None:
    raw = b"Two agencies agree\n\nThe first agency signed a pact with the second one on 2 March 2020.\n\nBoth will share data."
    document = read_source("note.txt", data=raw)
    assert document.text.split("\n\n") == [
        "Two agencies agree",
        "The first agency signed a pact with the second one on 2 March 2020.",
        "Both will share data.",
    ]


def test_sources_web_dump_drops_menus_language_bar_and_footer() -> None:
    raw = (
        "English | Français | Deutsch | Español\n"
        "Home   News   Missions   About us\n"
        "Missions\n\nLaunchers\n\nPartners\n\nContact\n\n"
        "printer friendly page\n"
        "A probe for the outer planets\n\n"
        "The two agencies agreed on Tuesday to build a probe for the outer planets together.\n\n"
        "Related links\n\nMore information\n\n"
        "Copyright 2001 - 2019 Example Agency. All rights reserved.\n"
    )
    document = read_source("page.txt", data=raw.encode())
    assert document.form == "web-text"
    assert document.text == (
        "A probe for the outer planets\n\n"
        "The two agencies agreed on Tuesday to build a probe for the outer planets together."
    )


def test_sources_html_given_as_txt_is_read_as_html() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>A joint lander</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
        "<article><h1>A joint lander</h1><p>Paris, 3 June 2021</p>"
        "<p>The two agencies decided to build a lunar lander together and to fly it before the end of the decade, "
        "sharing the cost of the work between their industries.</p>"
        "<p>The first design review is planned for next spring at the larger partner's technical centre.</p>"
        "</article><footer>&copy; 2021 Example News</footer></body></html>"
    )
    document = read_source("misnamed.txt", data=page.encode())
    assert document.form == "html"
    assert "The two agencies decided to build a lunar lander together" in document.text
    assert "Home" not in document.text.split()
    assert document.date is not None and document.date.iso == "2021-06-03"


def test_sources_wayback_capture_gives_capture_date_and_original_address() -> None:
    raw = (
        "The Wayback Machine - https://web.archive.org/web/20100512083000/http://www.esa.int/news/page.html\n"
        "A station partner looks ahead\n\n"
        "The partners discussed the next phase of the orbiting laboratory during a meeting in the spring.\n"
    )
    document = read_source("capture.txt", data=raw.encode())
    assert document.form == "wayback"
    assert document.url == "http://www.esa.int/news/page.html"
    assert document.date is not None and (document.date.iso, document.date.precision) == ("2010-05-12", "day")
    assert document.publisher.value == "ESA"
    assert "Wayback" not in document.text


def test_sources_markdown_loses_syntax_but_keeps_link_text() -> None:
    raw = (
        "# A new crew\n\n"
        "**The agencies named four astronauts for the flight on Monday.**\n\n"
        "The crew includes the 10<sup>th</sup> astronaut of the smaller partner, see "
        "[the crew page](https://example.org/crew) for *details*.<br>\n"
    )
    document = read_source("crew.md", data=raw.encode())
    assert document.form == "markdown"
    assert document.text == (
        "A new crew\n\n"
        "The agencies named four astronauts for the flight on Monday.\n\n"
        "The crew includes the 10th astronaut of the smaller partner, see the crew page for details."
    )
    assert_sentences_map_back(document)


def test_sources_press_release_contacts_leave_the_body() -> None:
    raw = (
        "Lyon, 8 September 2022\n\n"
        "Agencies sign a data pact\n\n"
        "The two agencies signed an agreement on Thursday to exchange ocean data for ten years.\n\n"
        "Press contacts\n\n"
        "Jeanne Exemple   Press Officer   Tel. +33 1 23 45 67 89   jeanne.exemple@cnes.fr\n"
        "Max Muster   Media Relations   Tel. +49 30 1234 5678   max.muster@dlr.de\n"
    )
    document = read_source("release.txt", data=raw.encode())
    assert document.text == (
        "Agencies sign a data pact\n\n"
        "The two agencies signed an agreement on Thursday to exchange ocean data for ten years."
    )
    first, second = document.contacts
    assert (first.name, first.role, first.email, first.organization) == (
        "Jeanne Exemple",
        "Press Officer",
        "jeanne.exemple@cnes.fr",
        "CNES",
    )
    assert first.phone == "+33 1 23 45 67 89"
    assert (second.name, second.organization) == ("Max Muster", "DLR")
    assert document.raw_text[first.raw_start : first.raw_end] == first.line
    assert first.line.startswith("Jeanne Exemple") and first.line.endswith("cnes.fr")


def test_sources_contacts_in_columns_are_paired_by_name() -> None:
    raw = (
        "Rome, 1 April 2019\n\nA new instrument\n\n"
        "The agency delivered the spectrometer to its partner in a ceremony on Monday morning.\n\n"
        "Agency contacts\n\nMarta Prova\nLuca Esempio\n\n"
        "Tel. +39 06 1234 5678\nTel. +39 06 8765 4321\n\n"
        "luca.esempio@asi.it\nmarta.prova@asi.it\n"
    )
    document = read_source("columns.txt", data=raw.encode())
    by_name = {c.name: c for c in document.contacts}
    assert by_name["Marta Prova"].email == "marta.prova@asi.it"
    assert by_name["Luca Esempio"].email == "luca.esempio@asi.it"
    assert by_name["Marta Prova"].phone == "+39 06 1234 5678"
    assert "Tel." not in document.text and "@" not in document.text
    assert document.publisher.value == "ASI"


def test_sources_french_document_is_french() -> None:
    raw = (
        "Toulouse, 12 mars 2021\n\nUn nouvel accord\n\n"
        "Les deux agences ont signé un accord de coopération pour la construction d'un satellite "
        "qui observera les océans et le climat de la planète pendant dix ans.\n"
    )
    document = read_source("accord.txt", data=raw.encode())
    assert document.language.value == "fr"
    assert document.date is not None and document.date.iso == "2021-03-12"


def test_sources_wayback_html_capture_uses_capture_time_not_a_guess() -> None:
    page = (
        b"<html><head><title>Partners</title></head><body>"
        b"<div id='wm-ipp'>https://web.archive.org/web/20090115120000/http://www.nasa.gov/partners.html</div>"
        b"<h1>Station partners meet in Houston</h1>"
        b"<p>Heads of the station partner agencies met in Houston on Tuesday to review the assembly "
        b"schedule and the crew rotation plan for the coming year.</p>"
        b"<div class='footer'>Copyright 2009 Example. All rights reserved.</div></body></html>"
    )
    document = read_source("capture.html", data=page)
    assert document.form == "wayback"
    assert document.date is not None and (document.date.iso, document.date.note) == ("2009-01-15", "wayback")
    assert document.publisher.value == "NASA"
    assert "web.archive.org" not in document.text


def test_sources_html_fragment_too_small_for_an_article_is_still_read() -> None:
    document = read_source("snippet.html", data=b"<p>The two agencies met in Rome.</p><p>They agreed.</p>")
    assert document.text == "The two agencies met in Rome.\n\nThey agreed."


def test_sources_html_without_text_is_refused() -> None:
    from spacecoop.errors import UnreadableDocument

    with pytest.raises(UnreadableDocument, match="empty.html: no text found in the HTML page"):
        read_source("empty.html", data=b"<html><body><script>var a = 1;</script></body></html>")
