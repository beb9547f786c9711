"""End to end in a real Chromium: an analyst reviews ten facts by keyboard (rejects one, edits
one), merges two entities and adds a fact from a text selection; the documents are then ingested
again with a changed extractor, and every decision still holds and the log shows all of them."""

from __future__ import annotations

import pytest

from spacecoop.ingest import ingest_paths
from spacecoop.store import Store
from spacecoop.store.review import write
from spacecoop.store.review_read import create_token
from tests.review_support import BACKENDS, TEXTS, analyze_v1, analyze_v2, drop_everything, store_url
from tests.test_browser_ui import ARGS, CHROMIUM, SHOTS, _need_browser
from tests.web_server_support import serving

pytestmark = pytest.mark.browser


@pytest.fixture(params=BACKENDS)
def corpus(request, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for key, text in TEXTS.items():
        (folder / f"{key}.txt").write_text(text, encoding="utf-8")
    db = store_url(request.param, tmp_path / "desk.db")
    with Store.open(db) as store:
        report = ingest_paths([folder], store, analyze_v1, progress=False)
        assert len(report.stored) == 3
        token = write(store.engine, create_token, "Ana Analyst", "reviewer")["token"]
    yield folder, db, token
    with Store.open(db) as store:
        drop_everything(store.engine)


@pytest.fixture()
def server(corpus):
    _, db, _ = corpus
    with serving(db) as (address, app):
        yield address
    app.state.engine.dispose()
    if getattr(app.state, "review_store", None) is not None:
        app.state.review_store.close()


@pytest.fixture()
def page():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


def current(page) -> tuple[str, str]:
    item = page.locator("#queue li.current")
    return item.get_attribute("data-id"), item.locator(".review-mark").inner_text()


def wait_mark(page, fact_id: str, mark: str) -> None:
    page.wait_for_selector(f"#queue li[data-id='{fact_id}'] .review-mark.{mark}")


def test_review_browser_keyboard_review_survives_reingestion(corpus, server, page):
    folder, db, token = corpus
    page.goto(server + "/review")
    page.fill("#token", token)
    page.press("#token", "Enter")
    page.wait_for_selector("#queue li.item.current")
    assert "Ana Analyst" in page.inner_text("#who")
    assert page.locator("#queue li.item").count() == 12

    decided: dict[str, str] = {}
    # j and k move without deciding
    first, _ = current(page)
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert current(page)[0] == first
    for n in range(10):
        fact_id, mark = current(page)
        assert mark == "machine"
        if n == 3:
            page.keyboard.press("r")
            page.keyboard.type("the sentence does not say this")
            page.keyboard.press("Enter")
            wait_mark(page, fact_id, "rejected")
            decided[fact_id] = "rejected"
        elif n == 6:
            page.keyboard.press("e")
            box = page.locator(f"#queue li[data-id='{fact_id}'] form.edit-form input[name='@date']")
            box.fill("2019-12-31")
            page.locator(f"#queue li[data-id='{fact_id}'] form.edit-form input[name='@reason']").fill(
                "date in text"
            )
            page.keyboard.press("Enter")
            wait_mark(page, fact_id, "edited")
            decided[fact_id] = "edited"
        else:
            page.keyboard.press("a")
            wait_mark(page, fact_id, "accepted")
            decided[fact_id] = "accepted"
    assert len(decided) == 10
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "review-01-queue.png"), full_page=True)

    page.fill("#merge-entities input[name=keep]", "Giorgio Saccoccia")
    page.fill("#merge-entities input[name=merge]", "G. Saccoccia")
    page.fill("#merge-entities input[name=reason]", "initial and surname of the same man")
    page.click("#merge-entities button")
    page.wait_for_selector("#status:has-text('Merged')")

    # Add a fact: select its evidence in the document view, describe it, add it.
    page.goto(server + "/review/documents/moon_pact")
    sentence = "A Vega rocket will carry the Lares-3 satellite from Kourou in 2024."
    page.evaluate(
        """(wanted) => {
            const node = document.getElementById('doc-text').firstChild;
            const start = node.textContent.indexOf(wanted);
            const range = document.createRange();
            range.setStart(node, start); range.setEnd(node, start + wanted.length);
            const selection = document.getSelection();
            selection.removeAllRanges(); selection.addRange(range);
        }""",
        sentence,
    )
    page.wait_for_selector("#selection:has-text('A Vega')")
    page.select_option("#add-fact select[name=type]", "role")
    page.fill("#add-fact textarea[name=args]", "person=Lares-3 team\nrole=operator\norganization=ASI")
    page.fill("#add-fact input[name=date]", "2024")
    page.fill("#add-fact input[name=reason]", "implied by the launch plan")
    page.click("#add-fact button")
    page.wait_for_selector("#added-link")
    added = page.locator("#added-link").get_attribute("href").rsplit("/", 1)[1]

    # The changed extractor runs over the same files: re-ingestion re-analyses every document.
    with Store.open(db) as store:
        report = ingest_paths([folder], store, analyze_v2, progress=False, reanalyze=True)
        assert len(report.reanalyzed) == 3

    api = page.context.request
    for fact_id, verdict in decided.items():
        state = api.get(f"{server}/api/review/facts/{fact_id}").json()["fact"]
        assert state["review"] == verdict, (fact_id, state)
        if verdict == "rejected":
            assert api.get(f"{server}/facts/{fact_id}").status == 404
        elif state["evidence_state"] != "orphaned":
            assert api.get(f"{server}/facts/{fact_id}").status == 200
        if verdict == "edited":
            assert state["date"] == "2019-12-31"
    added_state = api.get(f"{server}/api/review/facts/{added}").json()["fact"]
    assert added_state["review"] == "added" and added_state["args"]["person"] == "Lares-3 team"
    assert added_state["evidence"] == sentence  # the selection's offsets are the store's offsets
    assert api.get(f"{server}/facts/{added}").status == 200
    entity = api.get(f"{server}/api/entities/person:giorgio-saccoccia").json()
    assert "G. Saccoccia" in str(entity)
    assert api.get(f"{server}/api/entities/person:g-saccoccia").status == 404

    # Decisions the changed extractor no longer supports are listed for re-checking, not dropped.
    page.goto(server + "/review")
    page.wait_for_selector("#queue li.item, #queue:empty", state="attached")
    orphaned = [
        f
        for f in decided
        if api.get(f"{server}/api/review/facts/{f}").json()["fact"]["evidence_state"] == "orphaned"
    ]
    if orphaned:
        page.wait_for_selector("#recheck-section:not([hidden])")
        assert all(f in page.inner_text("#recheck") for f in orphaned)

    page.goto(server + "/review/log")
    rows = page.locator("table.review-log tbody tr")
    text = page.inner_text("table.review-log")
    actions = [r.locator("td").nth(2).inner_text() for r in rows.all()]
    assert actions.count("accept") == 8 and actions.count("reject") == 1 and actions.count("edit") == 1
    assert actions.count("merge entities") == 1 and actions.count("add") == 1
    assert "the sentence does not say this" in text and "implied by the launch plan" in text
    page.screenshot(path=str(SHOTS / "review-02-log.png"), full_page=True)
