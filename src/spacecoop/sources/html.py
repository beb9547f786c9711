"""The main text of an HTML page (trafilatura), with the page's own title, date and address."""

from __future__ import annotations

from dataclasses import dataclass

from spacecoop.errors import UnreadableDocument


def _all_text(markup: str) -> str:
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fromstring(markup)
    except (ParserError, ValueError):
        return ""
    for element in root.xpath("//script|//style|//nav|//header|//footer|//noscript"):
        element.drop_tree()
    for element in root.xpath("//br|//p|//div|//li|//h1|//h2|//h3|//h4|//tr"):
        element.tail = "\n" + (element.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


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
        # Only dates the page states in its markup; the extensive search guesses from any number.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    if not text:
        # Too small for trafilatura to call it an article (a fragment, a snippet): keep its text.
        text = _all_text(markup)
    if not text:
        raise UnreadableDocument(source, "no text found in the HTML page")
    title = (getattr(extracted, "title", None) or "").strip() or None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return HtmlContent(
        text=text,
        title=title,
        date=getattr(extracted, "date", None) or None,
        url=getattr(extracted, "url", None) or None,
    )
