"""Who is asking: a bearer token checked against the store's hashed tokens, and the role a route
needs. Reading pages needs nothing; writing needs a reviewer token (401 without one, 403 with a
token whose role is too low)."""

from __future__ import annotations

import hashlib
import threading

from fastapi import HTTPException, Request
from sqlalchemy import select

from spacecoop.review.tokens import allows, split
from spacecoop.store.review_read import check_token
from spacecoop.store.review_schema import review_tokens

# Tokens already checked by PBKDF2 in this process (sha256 of the token -> token id), so each
# request costs one indexed read for revocation and role rather than 60,000 hash rounds.
_checked: dict[str, str] = {}
_lock = threading.Lock()


def holder(request: Request) -> dict | None:
    """The token's holder (id, name, role), None without a token; 401 for a token that is not valid."""
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if not given:
        return None
    if scheme.lower() != "bearer" or split(token.strip()) is None:
        raise HTTPException(
            401, "give a token as 'Authorization: Bearer sc_...'", headers={"WWW-Authenticate": "Bearer"}
        )
    token = token.strip()
    fingerprint = hashlib.sha256(token.encode()).hexdigest()
    with request.app.state.engine.connect() as conn:
        if _checked.get(fingerprint) == split(token)[0]:
            row = conn.execute(select(review_tokens).where(review_tokens.c.id == split(token)[0])).first()
            found = (
                None if row is None or row.revoked_at else {"id": row.id, "name": row.name, "role": row.role}
            )
        else:
            found = check_token(conn, token)
            if found is not None:
                with _lock:
                    _checked[fingerprint] = found["id"]
    if found is None:
        raise HTTPException(401, "this token is unknown or revoked", headers={"WWW-Authenticate": "Bearer"})
    return found


def require(role: str):
    """A dependency: the holder of a token of at least `role`."""

    def dependency(request: Request) -> dict:
        found = holder(request)
        if found is None:
            raise HTTPException(401, f"this needs a {role} token: 'Authorization: Bearer sc_...' "
                                "(create one with `spacecoop review token create`)",
                                headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
        if not allows(found["role"], role):
            raise HTTPException(403, f"a {found['role']} token cannot do this; it needs a {role} token")
        return found

    return dependency
