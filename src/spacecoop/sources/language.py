"""Language of a text from counts of its most common function words (no model to download)."""

from __future__ import annotations

import re

from spacecoop.models import MetaValue

# A few dozen of the most frequent function words per language; words shared by several
# languages ("a", "de", "in", "la") count for each of them and so cancel out.
_PROFILES = {
    "en": "the of and to in is that for it with as was on by are be this from have has an at which "
    "will their they its been were would also who not or but after",
    "fr": "le la les des et du un une est dans que qui pour sur au aux par avec ce cette sont été "
    "ont son ses ne pas plus leur entre lors ainsi",
    "de": "der die das und ist nicht ein eine mit von zu den dem im auf für sich auch des wird wurde "
    "nach bei aus einer eines oder sind dieses",
    "it": "il di che è per una della delle degli con non sono gli nel nella alla anche dal questo "
    "stato come più dei tra",
    "es": "el los las del que en y es por una con para se su al lo como más pero sus fue este entre "
    "está han sobre",
    "pt": "o os as do da dos das em um uma é não com para por no na nos nas ao aos pelo pela foi são "
    "também mais seu sua entre sobre como está será",
    "ru": "и в не на что с по это как из к для от о его но так за был были также которые",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _PROFILES.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_SAMPLE_CHARS = 20000
_MIN_HITS = 3


def detect_language(text: str) -> MetaValue:
    """The ISO 639-1 code of the text's language with the share of function words as evidence."""
    tokens = [t.lower() for t in _TOKEN.findall(text[:_SAMPLE_CHARS])]
    scores = {lang: sum(1 for t in tokens if t in words) for lang, words in _WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    total = sum(scores.values())
    if scores[best] < _MIN_HITS:
        return MetaValue(None, f"too few function words ({scores[best]}) to tell the language", 0.0)
    share = scores[best] / total
    runner_up = sorted(scores.values())[-2]
    evidence = f"{scores[best]} of {len(tokens)} words are common '{best}' function words"
    return MetaValue(best, evidence, round(min(1.0, share * (1 - runner_up / max(scores[best], 1)) + 0.3), 2))
