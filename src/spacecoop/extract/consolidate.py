"""One document, one fact per event: a later sentence that reports the same agreement or launch again
("NASA has signed an agreement with CNES ... They signed the agreement on Friday") adds to the
first report instead of standing beside it; states acceding to a multilateral instrument each
get their own fact."""

from __future__ import annotations

import re
from dataclasses import replace

from spacecoop.extract.agreement_conventions import without_hosts
from spacecoop.extract.launch_events import assemble_launches
from spacecoop.extract.lexicon import FOREIGN_AGREEMENT_NOUNS
from spacecoop.models import Fact

_MULTILATERAL = re.compile(r"\b(?:Accords?|Treaty|Convention|Charter)\b")
_GENERIC = {
    "agreement",
    "agreements",
    "accord",
    "accords",
    "memorandum",
    "deal",
    "contract",
    "arrangement",
    "the",
    "a",
    "an",
    "of",
    "on",
    "this",
    "that",
    "cooperation",
    "understanding",
}


_SETS_APART = {"previous", "earlier", "former", "first", "new", "old", "original", "latest", "second"}


def _words(title: str | None) -> set[str]:
    return {
        w
        for w in re.findall(r"\w+", (title or "").lower())
        if w not in _GENERIC and w not in FOREIGN_AGREEMENT_NOUNS
    }


def _dates_fit(a: Fact, b: Fact) -> bool:
    x, y = (a.date.iso if a.date else None), (b.date.iso if b.date else None)
    return not x or not y or x.startswith(y) or y.startswith(x)


def same_agreement(a: Fact, b: Fact) -> bool:
    # items of an enumeration ("contracts (2001, 2003 (2))") are told once each, by design
    if "construction: enumeration" in a.notes + b.notes:
        return False
    # "They also signed a launcher agreement": the text says it is another one
    if "another agreement" in a.notes + b.notes or "extension" in a.notes + b.notes:
        return False
    if a.evidence.start == b.evidence.start or a.status != b.status or not _dates_fit(a, b):
        return False
    # "the previous lease", "a new agreement": the text sets one apart from the other
    ta, tb = set(_words(a.args["title"])) & _SETS_APART, set(_words(b.args["title"])) & _SETS_APART
    if ta != tb:
        return False
    pa, pb = set(a.args["parties"]), set(b.args["parties"])
    # the parties' names in a title ("Canada-ESA Cooperation Agreement") do not say what it is about
    named = _words(" ".join(pa | pb))
    wa, wb = _words(a.args["title"]) - named, _words(b.args["title"]) - named
    if "headline" in a.notes + b.notes and pa and pb and (pa <= pb or pb <= pa):
        return True  # "NASA and ESA Sign Agreements": the headline of the story told below
    if not pa or not pb:
        # a mention that names no party ("The Association Agreement enters into force") is the
        # agreement of the same name told elsewhere in the text
        return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.5
    if not (pa <= pb or pb <= pa):
        return False
    return not wa or not wb or len(wa & wb) / min(len(wa), len(wb)) >= 0.5


def merged(first: Fact, later: Fact) -> Fact:
    if "headline" in first.notes and "headline" not in later.notes:
        first, later = later, first  # the story's sentence tells it better than its title
    args = dict(first.args)
    if len(set(later.args["parties"])) > len(set(args["parties"])):
        args["parties"] = list(later.args["parties"])
    if "headline" not in later.notes and len(_words(later.args["title"])) > len(_words(args["title"])):
        args["title"] = later.args["title"]
    args["signatories"] = list(dict.fromkeys(args["signatories"] + later.args["signatories"]))
    args["place"] = args["place"] or later.args["place"]
    date = first.date
    if later.date and (not date or len(later.date.iso or "") > len(date.iso or "")):
        date = later.date
    return replace(first, args=args, date=date, confidence=max(first.confidence, later.confidence))


def accessions(fact: Fact) -> list[Fact]:
    parties = fact.args.get("parties") or []
    if fact.status == "signed" and len(parties) > 1 and _MULTILATERAL.search(fact.args.get("title") or ""):
        return [replace(fact, args={**fact.args, "parties": [party]}) for party in parties]
    return [fact]


def _summary(fact: Fact) -> bool:
    """ "X and Y sign cooperation agreements": a plural that sums up agreements told one by one."""
    return fact.type == "agreement" and bool(
        re.match(r"^(?:\w+\s+){0,3}agreements\b", fact.args.get("title") or "")
    )


def drop_summaries(facts: list[Fact]) -> list[Fact]:
    agreements = [f for f in facts if f.type == "agreement" and not _summary(f) and "headline" not in f.notes]
    return [
        f
        for f in facts
        if not (_summary(f) and any(set(f.args["parties"]) & set(a.args["parties"]) for a in agreements))
    ]


def consolidate_agreements(facts: list[Fact]) -> list[Fact]:
    out: list[Fact] = []
    facts = drop_summaries(facts)
    split = [
        part
        for original in facts
        for part in (accessions(original) if original.type == "agreement" else [original])
    ]
    for fact in split:
        rules = {"agreement": (same_agreement, merged)}.get(fact.type)
        if rules is None:
            out.append(fact)
            continue
        same, merge = rules
        for i, earlier in enumerate(out):
            if earlier.type == fact.type and same(earlier, fact):
                out[i] = merge(earlier, fact)
                break
        else:
            out.append(fact)
    return assemble_launches([without_hosts(f) if f.type == "agreement" else f for f in out])
