"""The analyst's workbench in a real Chromium: answering a question from the facts table with two
actors, a place by either of its names, the network's zoom, search and ego view, the timeline's
undated facts, and no page wider than a phone. Sentences are our own. With SPACECOOP_SCREENSHOTS
set, the main pages are saved at desktop and phone width to docs/screenshots/ (for the README)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spacecoop import models
from spacecoop.store.core import Store
from tests.test_browser_ui import ARGS, CHROMIUM, _need_browser
from tests.test_web_sample_store import _source, analyzed_documents, make_document, make_fact, resolution
from tests.web_server_support import serving

pytestmark = pytest.mark.browser

DOCS_SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

PACT = (
    "ESA and Roscosmos signed a cooperation agreement on launchers in Paris on 11 January 2005. "
    "Jean-Jacques Dordain and Anatoly Perminov signed the document for the two agencies. "
    "A Soyuz rocket is to fly from Kourou from 2009 onwards."
)
FLIGHT = (
    "A Soyuz rocket lifted off from the Guiana Space Centre on 21 October 2011 with two navigation satellites. "
    "Roscosmos and ESA also agreed to work together on exploration, without saying when."
)


def workbench_store(path: Path) -> str:
    base = analyzed_documents()
    pact = make_document(
        "esa_roscosmos_pact", PACT, "ESA and Roscosmos sign a launcher pact", "ESA", "2005-01-12"
    )
    flight = make_document(
        "soyuz_csg_flight", FLIGHT, "Soyuz flies from Europe's spaceport", "CNES", "2011-10-22"
    )
    agreement = make_fact(
        pact, "agreement",
        {"parties": ["ESA", "Roscosmos"], "signatories": ["Jean-Jacques Dordain", "Anatoly Perminov"],
         "place": "Paris", "title": "cooperation on launchers"},
        "ESA and Roscosmos", "2005-01-11", "signed",
    )  # fmt: skip
    planned = make_fact(
        pact, "launch", {"vehicle": "Soyuz", "site": "Kourou", "payloads": []}, "A Soyuz", "2009", "planned",
        precision="year",
    )  # fmt: skip
    flown = make_fact(
        flight, "launch", {"vehicle": "Soyuz", "site": "Guiana Space Centre", "payloads": ["two navigation satellites"]},
        "A Soyuz", "2011-10-21", "done",
    )  # fmt: skip
    undated = make_fact(
        flight, "agreement",
        {"parties": ["Roscosmos", "ESA"], "signatories": [], "place": None, "title": "exploration"},
        "Roscosmos and ESA", None, "signed",
    )  # fmt: skip
    extra = {
        "esa_roscosmos_pact": models.AnalyzedDocument(pact, (), (), (agreement, planned)),
        "soyuz_csg_flight": models.AnalyzedDocument(flight, (), (), (flown, undated)),
    }

    def event(eid, fact, entities):
        return models.Event(
            id=eid, type=fact.type, args=fact.args, date=fact.date.iso if fact.date else None,
            status=fact.status, confidence=fact.confidence, sources=(_source(fact),), conflicts=(),
            entities=entities,
        )  # fmt: skip

    res = resolution(base)
    entities = res.entities + (
        models.Entity("roscosmos", "Roscosmos", "agency", ("Russian Federal Space Agency", "Roskosmos")),
        models.Entity(
            "guiana-space-centre", "Guiana Space Centre", "site", ("Kourou", "Centre Spatial Guyanais")
        ),
        models.Entity("person:jean-jacques-dordain", "Jean-Jacques Dordain", "person"),
        models.Entity("person:anatoly-perminov", "Anatoly Perminov", "person"),
        models.Entity("soyuz", "Soyuz", "launcher"),
    )
    events = res.events + (
        event("ev-esa-roscosmos-pact", agreement,
              (("party", "esa"), ("party", "roscosmos"), ("signatory", "person:jean-jacques-dordain"),
               ("signatory", "person:anatoly-perminov"))),
        event("ev-soyuz-planned", planned, (("vehicle", "soyuz"), ("site", "guiana-space-centre"))),
        event("ev-soyuz-flown", flown, (("vehicle", "soyuz"), ("site", "guiana-space-centre"))),
        event("ev-esa-roscosmos-undated", undated, (("party", "roscosmos"), ("party", "esa"))),
    )  # fmt: skip
    store = Store.open(str(path))
    try:
        for item in [*base.values(), *extra.values()]:
            store.save_analyzed(item)
        store.save_resolution(models.Resolution(entities, events, res.offices, res.links))
    finally:
        store.close()
    return str(path)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = workbench_store(tmp_path_factory.mktemp("workbench") / "wb.db")
    with serving(db) as (address, _):
        yield address


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def rows(page) -> list[dict]:
    return page.eval_on_selector_all(
        "table.facts-table tbody tr",
        """trs => trs.map(tr => ({date: tr.cells[0].innerText, what: tr.cells[2].innerText,
             parties: tr.cells[3].innerText, signatories: tr.cells[4].innerText, place: tr.cells[5].innerText}))""",
    )


def test_workbench_which_agreements_did_esa_sign_with_roscosmos(server, page):
    page.goto(server + "/facts")
    page.fill("form.filters input[name=actor]", "ESA and Roscosmos")
    page.select_option("form.filters select[name=type]", "agreement")
    page.click("form.filters button")
    page.wait_for_url("**type=agreement**")
    found = rows(page)
    assert len(found) == 2  # the pact, and an agreement reported without a date
    assert found[0]["date"] == "2005-01-11"
    assert "Jean-Jacques Dordain" in found[0]["signatories"] and "Anatoly Perminov" in found[0]["signatories"]
    assert "ESA" in found[0]["parties"] and "Roscosmos" in found[0]["parties"]
    assert found[1]["date"] == "undated"
    # Both actors show as removable chips, and the exports carry the same filters.
    chips = page.inner_text("p.chosen")
    assert "actor: ESA" in chips and "actor: Roscosmos" in chips
    csv = page.get_attribute("a.csv", "href")
    assert "actor=ESA" in csv and "actor=Roscosmos" in csv and "type=agreement" in csv
    # Sorting by a column reverses the dates.
    page.click("table.facts-table th >> text=Date")
    page.wait_for_url("**sort=-date**")
    assert rows(page)[0]["date"] == "2005-01-11"  # undated rows stay last whichever way
    # The facets count over the matches; clicking one narrows the table.
    assert page.locator("a.facet[data-facet=actor]").count() >= 2


def test_workbench_a_place_by_either_name_gives_the_same_results(server, page):
    seen = {}
    for name in ("Kourou", "Guiana Space Centre", "guiana space centre"):
        page.goto(server + "/search?q=" + name.replace(" ", "+"))
        page.wait_for_selector("section.results")
        seen[name] = sorted(
            page.eval_on_selector_all("section.results ul.facts li a", "as => as.map(a => a.href)")
        )
    assert seen["Kourou"] and seen["Kourou"] == seen["Guiana Space Centre"] == seen["guiana space centre"]
    tables = {}
    for name in ("Kourou", "Guiana Space Centre"):
        page.goto(server + "/facts?actor=" + name.replace(" ", "+"))
        tables[name] = rows(page)
    assert len(tables["Kourou"]) == 2 and tables["Kourou"] == tables["Guiana Space Centre"]


def test_workbench_surnames_and_close_names(server, page):
    page.goto(server + "/facts?actor=perminov")
    assert len(rows(page)) == 1
    page.goto(server + "/facts?actor=Perminof")
    assert "No actor is called" in page.inner_text("p.unmatched")
    page.click("p.unmatched a.suggestion >> text=Anatoly Perminov")
    page.wait_for_url("**Anatoly**")
    assert len(rows(page)) == 1
    page.goto(server + "/offices?person=Nelson")
    assert "Bill Nelson" in page.inner_text("table")
    assert "bill-nelson" not in page.inner_text("main")  # names, never ids


def test_workbench_network_zoom_search_and_ego_view(server, page):
    page.goto(server + "/network")
    page.wait_for_selector("svg#network .node-link")
    before = page.get_attribute("svg#network", "viewBox")
    page.click("#zoom-in")
    after = page.get_attribute("svg#network", "viewBox")
    assert float(after.split()[2]) < float(before.split()[2])  # a narrower view: zoomed in
    box = page.locator("svg#network").bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 20)
    page.mouse.wheel(0, 400)  # wheel out again
    assert float(page.get_attribute("svg#network", "viewBox").split()[2]) > float(after.split()[2])
    page.fill("#node-search", "roscos")
    assert page.locator("svg#network .node-link.found").get_attribute("data-name") == "Roscosmos"
    page.click("#ego-link")
    page.wait_for_url("**actor=Roscosmos**")
    names = set(page.eval_on_selector_all("svg#network .node-link", "ns => ns.map(n => n.dataset.name)"))
    assert names == {"Roscosmos", "ESA"}
    # Dragging a circle moves it (and its lines) without following its link.
    node = page.locator("svg#network .node-link[data-name='ESA'] circle")
    before_x = float(node.get_attribute("cx"))
    box = node.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 80, box["y"] + 40, steps=6)
    page.mouse.up()
    assert "/network" in page.url and float(node.get_attribute("cx")) != before_x
    # Every drawn label stays clear of every other.
    page.goto(server + "/network")
    boxes = page.eval_on_selector_all(
        "svg#network text.node-label:not(.hidden-label)",
        "ts => ts.map(t => { const b = t.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })",
    )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] + 1 or b[2] <= a[0] + 1 or a[3] <= b[1] + 1 or b[3] <= a[1] + 1, (a, b)


def test_workbench_timeline_shows_undated_facts_by_report_date(server, page):
    page.goto(server + "/timeline")
    undated = page.locator("svg#timeline path.marker.undated")
    assert undated.count() == 1
    assert (
        "first reported 2011-10-22"
        in page.locator("svg#timeline a:has(path.marker.undated) title").text_content()
    )
    assert "no date of its own" in page.inner_text("figcaption.legend")
    assert "1 of them have no date" in page.inner_text("p.timeline-count")
    assert page.locator("svg#timeline text.marker-label").count() >= 3  # labelled, not bare dots
    # Terms of office as bands: Bridenstine's ends where Nelson's begins, on one line.
    bands = page.locator("svg#timeline rect.band")
    assert bands.count() == 2
    first, second = bands.nth(0).bounding_box(), bands.nth(1).bounding_box()
    assert first["x"] + first["width"] <= second["x"] and first["y"] == second["y"]


PAGES = ["/", "/facts", "/facts?actor=ESA", "/facts?actor=Perminof", "/documents", "/entities", "/offices",
         "/timeline", "/timeline?actor=NASA", "/network", "/network?actor=Roscosmos&source=esa&target=roscosmos",
         "/search", "/search?q=Soyuz", "/entities/esa", "/entities/nasa", "/facts/ev-esa-roscosmos-pact",
         "/documents/esa_roscosmos_pact", "/help", "/facts/nothing-here"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_workbench_no_page_is_wider_than_a_phone(server, phone, path):
    phone.goto(server + path)
    phone.wait_for_load_state("load")
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width}px wide at 390px"


SHOTS = [("facts", "/facts?actor=ESA&type=agreement"), ("network", "/network"), ("timeline", "/timeline"),
         ("entity", "/entities/nasa"), ("search", "/search?q=Kourou"), ("documents", "/documents")]  # fmt: skip


@pytest.mark.skipif(
    not os.environ.get("SPACECOOP_SCREENSHOTS"), reason="set SPACECOOP_SCREENSHOTS=1 to refresh docs/"
)
def test_workbench_screenshots_for_the_readme(server, page, phone):
    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in SHOTS:
        for which, tab in (("desktop", page), ("phone", phone)):
            tab.goto(server + path)
            tab.wait_for_load_state("load")
            tab.screenshot(path=str(DOCS_SHOTS / f"{name}-{which}.png"), full_page=True)
