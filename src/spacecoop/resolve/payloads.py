"""Which payloads name one spacecraft (it is launched once) and which a series, a constellation or a
batch (launched many times): "Gaia", "BKA-2", "Sentinel-1B" fly once; "Soyuz", "Dragon", "Galileo",
"36 OneWeb satellites" fly again and again.

A report that a one-off spacecraft is planned for one date and a report that it flew on another are
reports of one launch (it slipped); for a series they may be two launches."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacecoop.models import Entity

# Plural or counted payloads are batches: "two Galileo satellites", "36 OneWeb satellites",
# "104 Satelliten", "a pair of...". Words of the main languages of the sources.
_BATCH = re.compile(
    r"\b(satellites|satelliten|satélites|satelliti|spacecraft\s+pairs?|pair|paire|par|paar|cubesats|"
    r"microsatellites|mikrosatelliten|nanosatellites|payloads|probes|sondes|sonden|capsules|kapseln|"
    r"constellation|konstellation|two|three|four|five|six|eight|ten|dozens?|deux|trois|quatre|zwei|"
    r"drei|vier|dos|tres|cuatro|due|tre|quattro|first|premiers?|ersten?)\b|^\d+\s",
    re.IGNORECASE,
)
# Generic heads: "an Intelsat satellite", "a weather satellite", "a dummy payload".
_GENERIC = re.compile(
    r"\b(satellite|satellit|satélite|satellitario|payload|charge utile|nutzlast|mock-?up|dummy|"
    r"experiment|equipment|ausrüstung)\b",
    re.IGNORECASE,
)
# A number in a craft's name designates one craft ("Sentinel-1B", "BKA-2"); a letter alone does
# not: Russian series are named "Meteor-M", "Resurs-P".
_DESIGNATOR = re.compile(r"\d")


def one_off_payloads(entities: Iterable[Entity], knowledge: object) -> frozenset[str]:
    """Ids of the payload entities that name a single spacecraft."""
    known = list(getattr(knowledge, "entities", ()))
    by_id = {k.id: k for k in known}
    # Missions grouping craft or missions (Galileo, Copernicus) fly many times; instruments do not count.
    parents = {k.parent for k in known if k.parent and k.type in ("mission", "spacecraft")}
    found = set()
    for entity in entities:
        if entity.type not in ("mission", "spacecraft"):
            continue
        record = by_id.get(entity.id)
        if record is not None:
            if _known_one_off(record, entity.id in parents, by_id):
                found.add(entity.id)
        elif _named_one_off(entity.name, entity.aliases):
            found.add(entity.id)
    return frozenset(found)


def _known_one_off(record: object, has_children: bool, by_id: dict) -> bool:
    """What the knowledge says (`flies`), else: a mission flies once unless it groups others or its
    aliases name several craft ("Sentinel-2A", "Sentinel-2B"); a spacecraft flies once when its
    name carries a number ("Sentinel-1B") or it belongs to a mission (the Rosalind Franklin rover
    of ExoMars); otherwise it names a class or a family of craft (Soyuz, Dragon, GSAT)."""
    flies = getattr(record, "flies", None)
    if flies:
        return flies == "once"
    kind = getattr(record, "type", "")
    if has_children or kind not in ("mission", "spacecraft"):
        return False
    name = str(getattr(record, "name", ""))
    if _names_several(name, getattr(record, "aliases", ())):
        return False
    if kind == "mission":
        return not _BATCH.search(name)
    parent = by_id.get(getattr(record, "parent", None) or "")
    return bool(_DESIGNATOR.search(name)) or (parent is not None and parent.type == "mission")


def _names_several(name: str, aliases: Sequence[str]) -> bool:
    letters = {
        m.group(1)
        for alias in aliases
        if (m := re.fullmatch(re.escape(name) + r"[- ]?([A-Z])", alias.strip()))
    }
    return len(letters) > 1


def _named_one_off(name: str, aliases: Sequence[str]) -> bool:
    """An unknown payload is one craft when every name it goes by is a proper name (capitalised,
    neither a batch nor a generic satellite) and one of them carries a designator or is a single
    proper name throughout: "BKA-2", "Saocom 1A", "Euclid", "Rosalind Franklin"; not "Intelsat
    satellite" or "two Galileo satellites"."""
    names = [name, *aliases]
    if any(_BATCH.search(n) or _GENERIC.search(n) for n in names):
        return False
    if not all(n[:1].isupper() or n[:1].isdigit() for n in names if n):
        return False
    return any(_DESIGNATOR.search(n) or all(w[:1].isupper() for w in n.split()) for n in names)
