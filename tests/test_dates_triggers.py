"""The scan's trigger words come from the rule patterns: a new rule needs no word list edited."""

from __future__ import annotations

import pytest

from spacecoop.dates.grammar import english_grammar
from spacecoop.dates.triggers import first_words


def test_dates_first_words_of_a_new_pattern_are_derived() -> None:
    words = first_words(r"(?i:fortnightly|once\s+a\s+fortnight)|(?P<x>(?i:every))\s+week|Ides\s+of\s+March")
    assert words.any_case == {"fortnightly", "once", "every"}
    assert words.as_written == {"Ides"}


def test_dates_a_word_cut_by_a_class_triggers_as_a_beginning() -> None:
    words = first_words(r"(?i:mid)[\s-]*(?:19|20)\d0s|FY\s?\d\d")
    assert "mid" in words.any_case and "mid19" in words.any_case_starts  # "mid-1990s", "mid1990s"
    assert "FY" in words.as_written and "FY" in words.as_written_starts  # "FY 2019", "FY2019"


def test_dates_the_article_triggers_only_with_the_word_after_it() -> None:
    words = first_words(r"(?i:a|an|two)\s+(?i:weeks?|hours?)")
    assert "a" not in words.any_case and "two" in words.any_case
    assert words.after_common["a"] == {"week", "weeks", "hour", "hours"}


def test_dates_trigger_fires_at_a_word_only_the_rules_name() -> None:
    grammar = english_grammar()
    text = "Shipping resumed a fortnight later, then the mid-1990s, FY2019 and nearly six months."
    starts = {m.start() for m in grammar.trigger.finditer(text)}
    for phrase in ("a fortnight later", "the mid-1990s", "FY2019", "nearly six months"):
        assert text.index(phrase) in starts, phrase
    assert text.index("Shipping") not in starts and text.index("resumed") not in starts


def test_dates_a_rule_starting_with_an_untriggered_character_fails_loudly() -> None:
    # A silently dead rule would be worse: the scan would never try it.
    from spacecoop.dates.grammar import _trigger

    with pytest.raises(ValueError, match="#"):
        _trigger(r"#(?P<n>\d+)\s+(?i:week)")
    assert _trigger(r"(?P<q>Q[1-4])\s+\d{4}")  # a quarter code is covered
