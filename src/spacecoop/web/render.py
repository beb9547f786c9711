"""The Jinja2 environment: autoescape always on, and the few filters the templates need."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from spacecoop.store.web_queries import HIT_CLOSE, HIT_OPEN

TEMPLATES = Path(__file__).parent / "templates"


def hits(snippet: str | None) -> Markup:
    """A search snippet escaped first, then its hit markers turned into <mark>."""
    escaped = str(escape(snippet or ""))
    return Markup(escaped.replace(HIT_OPEN, "<mark>").replace(HIT_CLOSE, "</mark>"))


def query(params: dict, **changes) -> str:
    """A query string: `params` with `changes` applied; empty values are dropped."""
    merged = {**{k: v for k, v in params.items() if k not in ("limit", "offset", "sort")}, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


def build_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["hits"] = hits
    env.filters["percent"] = percent
    env.globals["query"] = query
    return env


templates = Jinja2Templates(env=build_environment())
