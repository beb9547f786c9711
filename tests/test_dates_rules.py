"""The rule table of the English date grammar: every rule has its resolver, every resolver its rule."""

from __future__ import annotations

import inspect
import re

from spacecoop.dates import day_values, span_values, year_values
from spacecoop.dates.grammar import MACROS, english_grammar
from spacecoop.dates.rules import RULES

VALUE_MODULES = (day_values, span_values, year_values)


def _resolvers_defined() -> set:
    """Public functions of the value modules taking a rule's groups and a context."""
    found = set()
    for module in VALUE_MODULES:
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            if list(inspect.signature(fn).parameters) == ["g", "c"]:
                found.add(fn)
    return found


def test_dates_rule_names_are_unique_and_each_has_a_callable_resolver() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(callable(rule.resolve) for rule in RULES)


def test_dates_every_resolver_in_the_value_modules_belongs_to_a_rule() -> None:
    used = {rule.resolve for rule in RULES}
    orphans = sorted(fn.__name__ for fn in _resolvers_defined() - used)
    assert orphans == []


def test_dates_rule_patterns_use_only_known_macros() -> None:
    for rule in RULES:
        for macro in re.findall(r"\{([A-Z_]+)\}", rule.pattern):
            assert macro in MACROS, (rule.name, macro)


def test_dates_compiled_grammar_keeps_table_order() -> None:
    grammar = english_grammar()
    assert grammar.rules == RULES
    match = grammar.regex.match("March 3, 2015")  # date_mdy comes before month and year
    assert grammar.rules[int(match.lastgroup[1:])].name == "date_mdy"
