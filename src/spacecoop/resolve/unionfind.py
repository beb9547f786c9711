"""A disjoint-set forest: which names (or facts) belong together."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any


class UnionFind:
    """Union by size with path halving. Roots are chosen by size, then by the smaller key, so the
    grouping never depends on the order items were added."""

    def __init__(self) -> None:
        self._parent: dict[Any, Any] = {}
        self._size: dict[Any, int] = {}

    def add(self, item: Hashable) -> None:
        if item not in self._parent:
            self._parent[item] = item
            self._size[item] = 1

    def find(self, item: Hashable) -> Any:
        self.add(item)
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size[rb]

    def groups(self) -> list[list[Any]]:
        """Every group, members sorted, groups sorted by their first member."""
        found: dict[Any, list[Any]] = {}
        for item in self._parent:
            found.setdefault(self.find(item), []).append(item)
        return sorted((sorted(members) for members in found.values()), key=lambda m: m[0])
