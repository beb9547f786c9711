"""The corrections log as feeds: Atom (RFC 4287) and JSON Feed 1.1, newest first."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"


def title_of(entry: dict[str, Any]) -> str:
    what = entry["target_id"] or entry["curation_id"] or ""
    return f"{entry['actor']} {entry['action'].replace('_', ' ')} {entry['target_kind']} {what}".strip()


def summary_of(entry: dict[str, Any]) -> str:
    parts = [f"why: {entry['reason']}"] if entry["reason"] else []
    after = entry.get("after") or {}
    if isinstance(after, dict) and after.get("args"):
        parts.append("now: " + "; ".join(f"{k}={v}" for k, v in sorted(after["args"].items()) if v))
    return " | ".join(parts) or title_of(entry)


def link_of(entry: dict[str, Any], base: str) -> str:
    if entry["target_kind"] == "fact" and entry["target_id"]:
        return f"{base}/review/facts/{entry['target_id']}"
    return f"{base}/review/log"


def atom_feed(entries: list[dict[str, Any]], base: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "spacecoop corrections"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{base}/review/log"
    ET.SubElement(feed, f"{{{ATOM}}}link", href=f"{base}/review/log.atom", rel="self")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = (
        entries[0]["at"] if entries else "1970-01-01T00:00:00+00:00"
    )
    for e in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = f"{base}/review/log#{e['id']}"
        ET.SubElement(item, f"{{{ATOM}}}title").text = title_of(e)
        ET.SubElement(item, f"{{{ATOM}}}updated").text = e["at"]
        author = ET.SubElement(item, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = e["actor"]
        ET.SubElement(item, f"{{{ATOM}}}link", href=link_of(e, base))
        ET.SubElement(item, f"{{{ATOM}}}summary").text = summary_of(e)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def json_feed(entries: list[dict[str, Any]], base: str) -> dict[str, Any]:
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "spacecoop corrections",
        "home_page_url": f"{base}/review/log",
        "feed_url": f"{base}/review/log.json",
        "items": [
            {
                "id": str(e["id"]),
                "url": link_of(e, base),
                "title": title_of(e),
                "content_text": summary_of(e),
                "date_published": e["at"],
                "authors": [{"name": e["actor"]}],
                "_spacecoop": {"action": e["action"], "before": e["before"], "after": e["after"]},
            }
            for e in entries
        ],
    }
