"""The main text of an HTML page (trafilatura), with the page's own title, date and address."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

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


class _TextCollector(HTMLParser):
    """Text of a page read as a stream of tags, without a tree: no depth limit, flat memory."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    _BREAK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BREAK:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self._BREAK:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.parts.append(data)


def flat_text(markup: str) -> str:
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = "".join(collector.parts).splitlines()
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


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
        # lxml drops what lies deeper than its nesting limit; a streaming parser has none.
        text = flat_text(markup)
    if not text:
        raise UnreadableDocument(source, "no text found in the HTML page (only markup, scripts or styles)")
    title = (getattr(extracted, "title", None) or "").strip() or None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return HtmlContent(
        text=text,
        title=title,
        date=getattr(extracted, "date", None) or None,
        url=getattr(extracted, "url", None) or None,
    )
