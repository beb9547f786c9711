"""The main text of an HTML page (trafilatura), with the page's own title, date and address."""

from __future__ import annotations

from dataclasses import dataclass

from spacecoop.errors import UnreadableDocument


@dataclass(frozen=True)
class HtmlContent:
    text: str
    title: str | None
    date: str | None
    url: str | None


def extract_html(markup: str, source: str) -> HtmlContent:
    """Main text of `markup` without menus, sidebars and footers; the title as the first line."""
    import trafilatura  # imported here: loading it takes a moment and only HTML needs it

    extracted = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_recall=True,
    )
    text = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    if not text:
        raise UnreadableDocument(source, "no article text found in the HTML page")
    title = (getattr(extracted, "title", None) or "").strip() or None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return HtmlContent(
        text=text,
        title=title,
        date=getattr(extracted, "date", None) or None,
        url=getattr(extracted, "url", None) or None,
    )
