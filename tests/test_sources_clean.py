"""The cleaner: hard wraps, hyphens, list items, markup, clutter, and the map back to the raw text."""

from __future__ import annotations

from spacecoop.sources import clean_text, read_source
from spacecoop.sources.mapped import MappedText
from tests.test_sources_support import assert_sentences_map_back, letters, raw_of, sentences

WRAPPED = (
    "The two agencies have agreed to develop a small satellite that will measure\n"
    "the height of the sea surface with a new kind of radar altim-\n"
    "eter, and they will launch it from the northern launch site in\n"
    "the spring of next year on a light rocket.\n"
    "Engineers from both sides will meet in a joint design office to coordinate\n"
    "the work on the Sea-\n"
    "Watch instrument and the ground segment.\n"
)


def test_clean_joins_hard_wrapped_lines_and_hyphenated_words() -> None:
    cleaned = clean_text(WRAPPED).text
    assert "radar altimeter, and they will launch it from the northern launch site in the spring" in cleaned
    # A capital after the break means a real compound: the hyphen stays.
    assert "the Sea-Watch instrument" in cleaned
    assert "\n" not in cleaned.split("\n\n")[0]


def test_clean_keeps_hyphen_when_the_document_spells_the_word_with_it() -> None:
    raw = (
        "The partners described the mission as a long-term effort for the decade ahead of them,\n"
        "and they signed a long-\n"
        "term plan for its operations in the northern part of the country and beyond.\n"
    )
    assert "a long-term plan for its operations" in clean_text(raw).text


def test_clean_keeps_list_items_as_their_own_sentences() -> None:
    raw = (
        "The partners reviewed their joint programme:\n\n"
        "- 3 May: launch of the first satellite from the coastal site\n"
        "- 9 June: delivery of the second instrument;\n"
        "1. Earth observation,\n"
        "2. Space science.\n"
    )
    paragraphs = clean_text(raw).text.split("\n\n")
    assert paragraphs == [
        "The partners reviewed their joint programme:",
        "3 May: launch of the first satellite from the coastal site.",
        "9 June: delivery of the second instrument.",
        "Earth observation.",
        "Space science.",
    ]


def test_clean_strips_tags_entities_and_odd_spaces() -> None:
    raw = "The 3<sup>rd</sup> meeting&nbsp;of the two&#160;agencies took place in\u00a0\u00a0 Rome &amp; Milan.<br>"
    assert clean_text(raw).text == "The 3rd meeting of the two agencies took place in Rome & Milan."


def test_clean_removes_captions_breadcrumbs_and_update_lines() -> None:
    raw = (
        "Agency Home Missions Earth Observation Ocean\n"
        "A satellite for the oceans\n"
        "The director (left) and her counterpart\n"
        "Artist's impression of the satellite in orbit\n\n"
        "The satellite will map the height of the sea surface every ten days from its orbit.\n\n"
        "Last update: 12 March 2015\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.text == (
        "A satellite for the oceans\n\n"
        "The satellite will map the height of the sea surface every ten days from its orbit."
    )
    kinds = {line.text: line.kind for line in cleaned.lines if line.text}
    assert kinds["Last update: 12 March 2015"] == "boilerplate"
    assert kinds["The director (left) and her counterpart"] == "caption"
    assert kinds["Agency Home Missions Earth Observation Ocean"] == "nav"


def test_clean_drops_non_latin_language_bar_in_a_latin_document() -> None:
    raw = "한국어  日本語  中文  Русский\nA partnership in orbit\n\nThe two agencies will fly a joint payload on the station next year.\n"
    assert clean_text(raw).text.startswith("A partnership in orbit")


def test_clean_offsets_map_every_sentence_back_to_the_same_words() -> None:
    raw = (
        "\ufeff# A joint **mission**\r\n\r\n"
        "The 2<sup>nd</sup> agency &amp; its partner agreed to build a probe,  and the launch is\r\n"
        "planned for the autumn of next year from the equatorial launch base.\r\n\r\n"
        "- first item of the plan\r\n"
        "Contacts\r\nAnne Exemple   Tel. +33 1 00 00 00 00   anne@example.org\r\n"
    )
    document = read_source("joint.md", data=raw.encode("utf-8"))
    assert_sentences_map_back(document)
    spans = sentences(document.text)
    assert len(spans) == 3
    assert letters(raw_of(document, *spans[1])).startswith("the2sup")


def test_clean_offset_map_of_a_substitution_points_into_the_raw_text() -> None:
    import re

    mapped = MappedText.from_raw("a **bold** word").sub(re.compile(r"\*\*(\w+)\*\*"), lambda m: [1])
    assert mapped.text == "a bold word"
    offsets = mapped.offset_map()
    assert [offsets.to_raw(i) for i in range(len(mapped.text))] == [0, 1, 4, 5, 6, 7, 10, 11, 12, 13, 14]


def test_clean_short_lines_after_a_colon_are_a_list_not_a_menu() -> None:
    raw = (
        "The partners will work together in these areas:\n\n"
        "human spaceflight\n\nplanetary science\n\nnavigation\n\n"
        "The first joint project starts next year at the northern test centre.\n"
    )
    assert clean_text(raw).text.split("\n\n") == [
        "The partners will work together in these areas:",
        "human spaceflight.",
        "planetary science.",
        "navigation.",
        "The first joint project starts next year at the northern test centre.",
    ]


def test_clean_removes_running_heads_and_page_numbers_inside_a_paragraph() -> None:
    head = "Joint Mission Report - Example Agencies\n"
    raw = (
        head + "The two agencies agreed to build the orbiter together and to share the\n"
        "work on its instruments between their national industries and their\n"
        "2\n" + head + "research laboratories over the next five years of the programme.\n"
        "The ground segment will be split between the two control centres of\n"
        "Page 3 of 4\n" + head + "the partners, which will take turns to operate the spacecraft.\n"
    )
    text = clean_text(raw).text
    assert "Joint Mission Report" not in text and "Page 3" not in text
    assert "their national industries and their research laboratories over" in text
    assert "the two control centres of the partners, which will take turns" in text


def test_clean_keeps_a_headline_that_says_home() -> None:
    raw = "Astronaut comes Home after a record stay\n\nThe astronaut landed on Tuesday after a year aboard the station.\n"
    assert clean_text(raw).text.startswith("Astronaut comes Home after a record stay")
