"""Temporal expressions: find them in text and normalise them to TimeML values against the document date.

>>> find_timexes("The crew returned last Friday.", datetime.date(2018, 6, 15))
"""

from spacecoop.dates.finder import SUPPORTED_LANGUAGES, find_timexes, to_date_value
from spacecoop.dates.model import Timex

__all__ = ["SUPPORTED_LANGUAGES", "Timex", "find_timexes", "to_date_value"]
