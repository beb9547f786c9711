"""HEAD answered wherever GET is; a NUL character in a request is a 400, never a store error."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from spacecoop.settings import Settings
from spacecoop.web.app import create_app
from tests.test_web_sample_store import build_store


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    db = build_store(tmp_path_factory.mktemp("guard") / "guard.db")
    return TestClient(create_app(Settings(db=db)))


@pytest.mark.parametrize("path", ["/", "/api/health", "/api/facts?limit=2", "/facts", "/static/style.css"])
def test_web_head_answers_like_get_without_a_body(client, path):
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("content-length") == get.headers.get("content-length")


def test_web_head_on_missing_page_is_404(client):
    assert client.head("/no/such/page").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/api/facts?entity=ES%00A", "/api/search?q=%00", "/api/documents/ab%00cd", "/facts?type=agree%00ment"],
)
def test_web_nul_in_a_request_is_a_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.json()["error"]["message"]


def test_serve_banner_never_shows_the_database_password():
    from spacecoop.settings import Settings, mask_password

    shown = Settings(db="postgresql+psycopg://editor:s3cret@db.example:5432/coop").db_shown
    assert shown == "postgresql+psycopg://editor:***@db.example:5432/coop"
    assert "s3cret" not in mask_password("postgresql://db.example/coop?user=editor&password=s3cret")
    assert mask_password("/data/coop.db") == "/data/coop.db"
