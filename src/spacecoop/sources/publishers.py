"""Publishers the sources module recognises: short name, spelled-out names, web domains."""

from __future__ import annotations

import re

# (short name, full names as they appear in signatures and copyright lines, domains)
PUBLISHERS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("ESA", ("European Space Agency", "Agence spatiale européenne"), ("esa.int",)),
    ("CNES", ("Centre national d'études spatiales", "Centre National d'Etudes Spatiales"), ("cnes.fr",)),
    ("NASA", ("National Aeronautics and Space Administration",), ("nasa.gov",)),
    ("JAXA", ("Japan Aerospace Exploration Agency",), ("jaxa.jp",)),
    ("DLR", ("German Aerospace Center", "Deutsches Zentrum für Luft- und Raumfahrt"), ("dlr.de",)),
    ("Arianespace", ("Arianespace",), ("arianespace.com",)),
    ("Roscosmos", ("Roscosmos", "Russian Federal Space Agency"), ("roscosmos.ru",)),
    ("ISRO", ("Indian Space Research Organisation",), ("isro.gov.in",)),
    ("CNSA", ("China National Space Administration",), ("cnsa.gov.cn",)),
    ("ASI", ("Agenzia Spaziale Italiana", "Italian Space Agency"), ("asi.it",)),
    ("UKSA", ("UK Space Agency",), ("ukspaceagency.gov.uk",)),
    ("CSA", ("Canadian Space Agency",), ("asc-csa.gc.ca", "space.gc.ca")),
    ("EUMETSAT", ("EUMETSAT",), ("eumetsat.int",)),
    ("PhilSA", ("Philippine Space Agency",), ("philsa.gov.ph",)),
    ("UNOOSA", ("United Nations Office for Outer Space Affairs",), ("unoosa.org",)),
)


def publisher_for_domain(domain: str) -> str | None:
    """The publisher owning a host name or e-mail domain (subdomains included)."""
    host = domain.lower().split(":")[0].strip(".")
    for short, _, domains in PUBLISHERS:
        if any(host == d or host.endswith("." + d) for d in domains):
            return short
    return None


def publishers_named(text: str) -> list[str]:
    """Publishers named in `text` by short or full name, in order of first appearance."""
    hits: list[tuple[int, str]] = []
    for short, names, _ in PUBLISHERS:
        positions = [m.start() for n in (short, *names) for m in re.finditer(rf"\b{re.escape(n)}\b", text)]
        if positions:
            hits.append((min(positions), short))
    return [short for _, short in sorted(hits)]
