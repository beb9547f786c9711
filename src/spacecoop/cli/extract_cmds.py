"""`spacecoop extract` and `spacecoop eval`: facts from files, without a store."""

from __future__ import annotations

COMMANDS: list = []
