"""find_timexes on sentences written for these tests: extents, types, values and the news reasoning."""

from __future__ import annotations

import datetime as dt

import pytest

from spacecoop.dates import Timex, find_timexes, to_date_value
from spacecoop.errors import BadQuery

JUNE_2018 = dt.date(2018, 6, 20)
APRIL_2016 = dt.date(2016, 4, 18)


def only(text: str, anchor: dt.date | None = APRIL_2016, **kw) -> Timex:
    found = find_timexes(text, anchor, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expression", "kind", "value"),
    [
        ("The agency signed the accord on 18 April 2016 in Paris.", "18 April 2016", "DATE", "2016-04-18"),
        ("Talks resumed on April 3, 2015 after a pause.", "April 3, 2015", "DATE", "2015-04-03"),
        ("The probe was built in October 2018.", "October 2018", "DATE", "2018-10"),
        ("The launch in 2019 will carry two rovers.", "2019", "DATE", "2019"),
        ("The partners have worked together since 1991.", "1991", "DATE", "1991"),
        ("The mission was extended this year.", "this year", "DATE", "2016"),
        ("The mission was extended last year.", "last year", "DATE", "2015"),
        ("The crew will train next month.", "next month", "DATE", "2016-05"),
        ("The station was first crewed 50 years ago.", "50 years ago", "DATE", "1966"),
        ("Budgets are fixed for the decade ahead.", "the decade ahead", "DURATION", "P10Y"),
        ("The rocket flew last December.", "last December", "DATE", "2015-12"),
        ("Engineers are currently testing the lander.", "currently", "DATE", "PRESENT_REF"),
        ("The two firms have grown over the past few years.", "the past few years", "DURATION", "PXY"),
        ("The burn lasted 90 seconds.", "90 seconds", "DURATION", "PT90S"),
        ("Astronauts will spend six months aboard.", "six months", "DURATION", "P6M"),
        ("Telemetry is downlinked daily.", "daily", "SET", "P1D"),
        ("Reviews are held every week.", "every week", "SET", "P1W"),
        ("The program began in the 1990s.", "the 1990s", "DATE", "199"),
        ("It was the biggest launch of the 20th century.", "the 20th century", "DATE", "19"),
        ("Revenue rose in the third quarter.", "the third quarter", "DATE", "2016-Q3"),
        ("The docking is set for tonight.", "tonight", "TIME", "2016-04-18TNI"),
        ("Mission control called at 10 p.m. Wednesday.", "10 p.m. Wednesday", "TIME", "2016-04-13T22:00"),
        ("The satellite was delivered last summer.", "last summer", "DATE", "2015-SU"),
        ("The agency was founded in nineteen fifty-eight.", "nineteen fifty-eight", "DATE", "1958"),
        ("The eight-year program ends soon.", "eight-year", "DURATION", "P8Y"),
        ("The crew stays for two more weeks.", "two more weeks", "DURATION", "P2W"),
        ("The loss narrowed over the fiscal year.", "the fiscal year", "DURATION", "P1Y"),
        ("For the year, launch revenue rose.", "the year", "DATE", "2016"),
        ("About three-quarters of the budget goes to launchers.", None, None, None),
        ("The Mars 2020 rover and the Expedition 2013 crew.", None, None, None),
        (
            "Telemetry stamped 2021-05-03T10:00:00Z arrived.",
            "2021-05-03T10:00:00Z",
            "TIME",
            "2021-05-03T10:00",
        ),
        ("Probes flew in the early eighties.", "the early eighties", "DATE", "198"),
        ("The commander is in her forties.", None, None, None),
        ("Prices will rise in the coming months.", "the coming months", "DURATION", "PXM"),
        ("The comet returns after half a century.", "half a century", "DURATION", "P50Y"),
        ("Crews rotate every two years.", "every two years", "SET", "P2Y"),
        ("Docking is planned later in the week.", "the week", "DATE", "2016-W16"),
        ("The spacewalk lasted 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"),
        ("The mission was extended by a year and a half.", "a year and a half", "DURATION", "P1Y6M"),
        ("The burn starts at 0630 GMT.", "0630 GMT", "TIME", "2016-04-18T06:30"),
        ("The probe was shipped in June last year.", "June last year", "DATE", "2015-06"),
        ("The third-quarter results beat forecasts.", "third-quarter", "DATE", "2016-Q3"),
        ("Earlier Friday, the crew slept.", "Friday", "DATE", "2016-04-15"),
        ("Repairs will take two years or more.", "two years or more", "DURATION", "P2Y"),
        ("A hearing is set for the week of May 2.", "the week of May 2", "DATE", "2016-W18"),
        ("Deliveries slipped to Q3 2017.", "Q3 2017", "DATE", "2017-Q3"),
        ("The FY2019 request grew.", "FY2019", "DATE", "2019"),
        ("It was planned for the year 2000.", "the year 2000", "DATE", "2000"),
        ("Ignition is at 14:30 UTC on 3 June.", "14:30 UTC on 3 June", "TIME", "2016-06-03T14:30"),
        ("Reports are due by the end of the month.", "the end of the month", "DATE", "2016-04"),
        ("Sales rose earlier this year.", "earlier this year", "DATE", "2016"),
        ("The capsule splashed down on Thanksgiving.", "Thanksgiving", "DATE", "2015-11-26"),
        ("The rover woke up the previous Friday.", "the previous Friday", "DATE", "2016-04-15"),
        ("The review happened last weekend.", "last weekend", "DATE", "2016-W15-WE"),
    ],
)
def test_dates_find_constructions(text: str, expression: str | None, kind: str, value: str) -> None:
    if expression is None:
        assert find_timexes(text, APRIL_2016) == []
        return
    timex = only(text)
    assert (timex.text, timex.type, timex.value) == (expression, kind, value)
    assert text[timex.start : timex.end] == expression


def test_dates_first_half_of_this_year() -> None:
    timex = only("Two launches are planned in the first half of this year.", dt.date(2017, 3, 2))
    assert (timex.text, timex.value, timex.precision) == ("the first half of this year", "2017-H1", "half")


def test_dates_year_with_footnote_keeps_only_the_year() -> None:
    timex = only("The treaty entered into force in 2003 (2).")
    assert (timex.text, timex.value) == ("2003", "2003")


def test_dates_weekday_contradicting_day_of_month_is_flagged() -> None:
    timex = only("The ministers will meet on Thursday 15 June in Toulouse.", JUNE_2018)
    assert timex.value == "2018-06-15"  # the stated day wins
    assert timex.confidence < 1.0
    assert "Thursday" in timex.note and "Friday" in timex.note
    assert timex.alternatives[0] == "2018-06-14"  # the Thursday nearest 15 June
    assert "2017-06-15" in timex.alternatives  # the nearest year in which 15 June is a Thursday


def test_dates_consistent_weekday_is_not_flagged() -> None:
    timex = only("The ministers met on Friday 15 June in Toulouse.", JUNE_2018)
    assert (timex.value, timex.confidence, timex.note, timex.alternatives) == ("2018-06-15", 1.0, None, ())


def test_dates_impossible_day_keeps_the_month_and_says_why() -> None:
    timex = only("The contract was dated 31 February 2016.")
    assert (timex.text, timex.value, timex.precision) == ("31 February 2016", "2016-02", "month")
    assert timex.confidence < 1.0 and "day 31 does not exist in February 2016" in timex.note


def test_dates_feb_29_without_a_year_goes_to_a_leap_year() -> None:
    assert only("The probe flew by on Feb. 29.", dt.date(2017, 3, 1)).value == "2016-02-29"
    assert only("The probe will fly by on Feb. 29.", dt.date(2017, 3, 1)).value == "2020-02-29"


def test_dates_dated_list_takes_the_document_year() -> None:
    text = "Schedule of the campaign\n22 April: launch of the cargo ship\n3 December: undocking\n"
    found = find_timexes(text, dt.date(2018, 1, 5))
    assert [(t.text, t.value) for t in found] == [("22 April", "2018-04-22"), ("3 December", "2018-12-03")]
    assert all("dated list" in t.note for t in found)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The crew will return to Earth on Tuesday.", "2018-06-26"),
        ("The crew is scheduled to undock on Tuesday.", "2018-06-26"),
        ("The crew returned to Earth on Tuesday.", "2018-06-19"),
        ("NASA said on Tuesday that the rover was healthy.", "2018-06-19"),
        ("The crew could leave as soon as Tuesday, officials said.", "2018-06-26"),
        ("On Tuesday, officials said the test failed.", "2018-06-19"),
    ],
)
def test_dates_tense_decides_an_unanchored_weekday(text: str, value: str) -> None:
    assert only(text, JUNE_2018).value == value  # 20 June 2018 was a Wednesday


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The telescope will launch in March.", "2019-03"),
        ("The telescope launched in March.", "2018-03"),
        ("The telescope was shipped in October.", "2017-10"),
        ("The telescope will ship this October.", "2018-10"),
        ("In September, the agency announced plans to build it.", "2017-09"),
        ("The new tariff is effective January.", "2019-01"),
    ],
)
def test_dates_tense_decides_an_unanchored_month(text: str, value: str) -> None:
    assert only(text, JUNE_2018).value == value


def test_dates_dated_list_may_be_bulleted() -> None:
    text = "Milestones:\n- 9 March: first light\n  \u2022 November 30 \u2013 end of commissioning\n"
    found = find_timexes(text, dt.date(2018, 12, 20))
    assert [t.value for t in found] == ["2018-03-09", "2018-11-30"]
    assert all("dated list" in t.note for t in found)


def test_dates_relative_values_name_their_anchor() -> None:
    assert only("It flew last year.").anchor == "2016-04-18"
    assert only("It flew in 1998.").anchor is None


def test_dates_without_anchor_keep_unknown_parts_as_x() -> None:
    found = find_timexes("It flew last year and lands on 5 May.")
    assert [(t.value, t.anchor) for t in found] == [("XXXX", None), ("XXXX-05-05", None)]
    assert all(t.confidence < 1.0 for t in found)


def test_dates_modifiers_are_kept() -> None:
    timex = only("Assembly starts in early 2019.")
    assert (timex.text, timex.value, timex.mod) == ("early 2019", "2019", "START")
    timex = only("The review took about two years.")
    assert (timex.text, timex.value, timex.mod) == ("about two years", "P2Y", "APPROX")


def test_dates_ordinary_words_are_not_dates() -> None:
    text = "Crews may march to the pad; 2,019 people, $1990 and 1990 tons of fuel; a 6-year-old boy."
    assert find_timexes(text, APRIL_2016) == []


@pytest.mark.parametrize(
    ("language", "text", "expression", "value"),
    [
        ("fr", "L'accord a été signé le 16 mai dernier.", "16 mai dernier", "2015-05-16"),
        ("fr", "Le satellite a été lancé le 5 juillet 2016.", "5 juillet 2016", "2016-07-05"),
        ("fr", "La réunion du jeudi 19 avril 2018 est reportée.", "jeudi 19 avril 2018", "2018-04-19"),
        ("fr", "Le budget a augmenté l'année dernière.", "l'année dernière", "2015"),
        ("de", "Der Start ist am 29. Mai geplant.", "29. Mai", "2016-05-29"),
        ("it", "Il lancio è previsto per il 29 maggio 2024.", "29 maggio 2024", "2024-05-29"),
        ("fr", "La réunion a eu lieu lundi dernier.", "lundi dernier", "2016-04-11"),
        ("fr", "Le satellite sera lancé en octobre.", "octobre", "2016-10"),
        ("fr", "Les essais reprendront fin 2019.", "fin 2019", "2019"),
        ("de", "Der Start ist Anfang Mai geplant.", "Anfang Mai", "2016-05"),
        ("es", "El acuerdo se firmó en marzo de 2018.", "marzo de 2018", "2018-03"),
    ],
)
def test_dates_other_languages(language: str, text: str, expression: str, value: str) -> None:
    timex = only(text, language=language)
    assert (timex.text, timex.value) == (expression, value)


def test_dates_french_month_name_alone_is_not_a_date() -> None:
    assert find_timexes("Mars est une planète; il a mis mars en marche.", APRIL_2016, language="fr") == []


def test_dates_to_date_value_gives_iso_prefixes() -> None:
    day, month, duration = find_timexes("On 3 May 2021, in June, for two weeks.", dt.date(2021, 5, 4))
    assert (to_date_value(day).iso, to_date_value(day).precision) == ("2021-05-03", "day")
    assert (to_date_value(month).iso, to_date_value(month).precision) == ("2021-06", "month")
    assert to_date_value(duration) is None


def test_dates_to_date_value_keeps_a_half_year_as_its_year() -> None:
    (half,) = find_timexes("in the second half of 2017", None)
    value = to_date_value(half)
    assert (value.iso, value.precision) == ("2017", "year") and "2017-H2" in value.note


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((b"bytes",), {}, "must be a str"),
        (("text", "2016-01-01"), {}, "must be a datetime.date"),
        (("text",), {"language": "xx"}, "not supported"),
    ],
)
def test_dates_bad_input_raises_a_clear_error(args, kwargs, message) -> None:
    with pytest.raises(BadQuery, match=message):
        find_timexes(*args, **kwargs)


def test_dates_trigger_scan_finds_what_the_full_grammar_finds() -> None:
    # The fast path tries the grammar only where a first word occurs; it must miss nothing.
    from spacecoop.dates.grammar import english_grammar

    text = " ".join(
        [
            "Between 2010-2015 and Q3 2017, H1 2018 and FY2019 the year 2000 came and went.",
            "Tomorrow's review follows yesterday's test. A few weeks ago, a year earlier, an hour later.",
            "The year-ago quarter, this year's second half, fiscal 1990, the 1988 third quarter, '98.",
            "Mid-March, late 2001, the early 1990s, the nineties, every Monday, Sundays, Thanksgiving.",
            "More than two decades, at least 30 days, up to six months, nearly a week, 5 p.m. EST, noon.",
            "Since the spring of 2004 and in the summer; nineteen eighty-four; the year two thousand.",
        ]
    )
    grammar = english_grammar()
    full = [m.span() for m in grammar.regex.finditer(text)]
    assert len(full) >= 25
    assert [m.span() for m in grammar.scan(text)] == full


def test_dates_year_range_gives_both_years() -> None:
    assert [t.value for t in find_timexes("The plan ran from 2009 to 2012, then 2013-2015.")] == [
        "2009", "2012", "2013", "2015"
    ]  # fmt: skip


def test_dates_next_day_counts_from_the_day_named_before() -> None:
    text = "The module docked on 5 May. The next day the crew opened the hatch; two days later they left."
    docked, next_day, later = find_timexes(text, dt.date(2016, 6, 1))
    assert (docked.value, next_day.value, later.value) == ("2016-05-05", "2016-05-06", "2016-05-08")
    assert next_day.anchor == "2016-05-05" and "2016-05-05" in next_day.note


def test_dates_hours_and_years_later_follow_the_event_named_before() -> None:
    text = "The probe left Earth on 3 March 1972. Some six hours later it passed the Moon. Two years later it fell silent."
    left, hours, years = find_timexes(text, dt.date(2022, 3, 3))
    assert (left.value, hours.value, years.value) == ("1972-03-03", "1972-03-03", "1974")


def test_dates_next_day_without_a_day_before_uses_the_anchor() -> None:
    assert only("The following day the crew rested.").value == "2016-04-19"


def test_dates_following_year_counts_from_the_year_named_before() -> None:
    opened, following = find_timexes(
        "The station opened in 1998. The following year, crews arrived.", APRIL_2016
    )
    assert (opened.value, following.value, following.anchor) == ("1998", "1999", "1998")


def test_dates_without_anchor_next_day_counts_only_from_stated_dates() -> None:
    text = "It docked on 5 May 2016. The next day it rested. On 7 June the next day came."
    values = [t.value for t in find_timexes(text)]
    assert values == ["2016-05-05", "2016-05-06", "XXXX-06-07", "XXXX-XX-XX"]


def test_dates_types_and_precisions_are_from_the_documented_sets() -> None:
    from spacecoop.dates.model import PRECISIONS, TIMEX_TYPES

    text = (
        "On Thursday 15 June 2017 at 10 p.m., last year, the 1990s, the 20th century, daily, now, "
        "two weeks, the third quarter, the first half of 2016, last summer, this week, in March; since 1991."
    )
    found = find_timexes(text, APRIL_2016)
    assert len(found) >= 14
    assert {t.type for t in found} <= set(TIMEX_TYPES)
    assert {t.precision for t in found} <= set(PRECISIONS)


def test_dates_an_expression_never_spans_a_run_of_blanks() -> None:
    assert find_timexes("May" + " " * 5000 + "5", APRIL_2016) == []
    assert [t.text for t in find_timexes("signed on March\n5, 2016", APRIL_2016)] == ["March\n5, 2016"]
