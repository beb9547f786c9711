"""Access tokens: `sc_<id>_<secret>`. The id finds the row; only a salted PBKDF2 digest of the
secret is stored, so a copy of the database does not give anyone a working token."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

ROLES = ("reader", "reviewer", "admin")
# Tokens are 256-bit random secrets, so the iteration count guards a leaked digest rather than
# a guessable password; it stays low enough to check on every write request.
ITERATIONS = 60_000
PREFIX = "sc_"


@dataclass(frozen=True)
class NewToken:
    id: str
    secret: str
    salt: str
    digest: str

    @property
    def token(self) -> str:
        return f"{PREFIX}{self.id}_{self.secret}"


def digest_of(secret: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), bytes.fromhex(salt), ITERATIONS).hex()


def new_token() -> NewToken:
    token_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(32), secrets.token_hex(16)
    return NewToken(token_id, secret, salt, digest_of(secret, salt))


def split(token: str) -> tuple[str, str] | None:
    """(id, secret) of a well-formed token, else None."""
    if not token.startswith(PREFIX):
        return None
    token_id, sep, secret = token[len(PREFIX) :].partition("_")
    return (token_id, secret) if sep and token_id and secret else None


def verify(secret: str, salt: str, digest: str) -> bool:
    return hmac.compare_digest(digest_of(secret, salt), digest)


def allows(role: str, needed: str) -> bool:
    """Whether `role` is at least `needed` (reader < reviewer < admin)."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)
