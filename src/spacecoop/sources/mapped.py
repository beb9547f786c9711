"""Text that remembers where each of its characters came from in the raw text.

The cleaner is a sequence of pure edits on a `MappedText`; each edit returns a new value whose
segments still point into the untouched raw text, so any clean span can be shown in the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from spacecoop.models import OffsetMap

# A piece of new text: ("keep", start, end) copies [start, end) of the current text with its
# mapping; ("put", text, anchor, room) inserts literal text, mapped one to one onto the current
# text from `anchor` when it fits in the `room` characters it replaces (else left unmapped).
Piece = tuple


def keep(start: int, end: int) -> Piece:
    return ("keep", start, end)


def put(text: str, anchor: int | None = None, room: int = 0) -> Piece:
    return ("put", text, anchor, room)


@dataclass(frozen=True)
class MappedText:
    """`text` plus (position, raw_start, length) runs mapping its characters to raw offsets."""

    text: str
    segments: tuple[tuple[int, int, int], ...]

    @classmethod
    def from_raw(cls, raw: str) -> MappedText:
        return cls(raw, ((0, 0, len(raw)),) if raw else ())

    @cached_property
    def _segment_starts(self) -> list[int]:
        return _starts(self.segments)

    def offset_map(self) -> OffsetMap:
        return OffsetMap(self.segments)

    def to_raw(self, position: int) -> int:
        return self.offset_map().to_raw(position)

    def raw_range(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) covering the characters of [start, end) that have a raw origin."""
        runs = _slice(self.segments, self._segment_starts, start, end, 0)
        if not runs:
            raw = self.to_raw(start)
            return raw, raw
        first, last = runs[0], runs[-1]
        return first[1], last[1] + last[2]

    def rebuild(self, pieces: Iterable[Piece]) -> MappedText:
        """A new MappedText made of `pieces` (see `Piece`), in order."""
        starts = self._segment_starts
        out_text: list[str] = []
        out_segments: list[tuple[int, int, int]] = []
        position = 0
        for piece in pieces:
            if piece[0] == "keep":
                _, start, end = piece
                if end <= start:
                    continue
                out_text.append(self.text[start:end])
                _extend(out_segments, _slice(self.segments, starts, start, end, position))
                position += end - start
            else:
                _, literal, anchor, room = piece
                if not literal:
                    continue
                out_text.append(literal)
                if anchor is not None and len(literal) <= room:
                    _extend(
                        out_segments,
                        _slice(self.segments, starts, anchor, anchor + len(literal), position),
                    )
                position += len(literal)
        return MappedText("".join(out_text), tuple(out_segments))

    def sub(
        self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], Sequence[int | str]]
    ) -> MappedText:
        """Like `re.sub`, but `replace` returns group numbers to keep (with their mapping) and
        literal strings to insert, so the map survives the substitution."""
        pieces: list[Piece] = []
        last = 0
        changed = False
        for match in pattern.finditer(self.text):
            changed = True
            pieces.append(keep(last, match.start()))
            anchor = match.start()
            for item in replace(match):
                if isinstance(item, int):
                    if match.start(item) >= 0:
                        pieces.append(keep(match.start(item), match.end(item)))
                        anchor = match.end(item)
                else:
                    room = match.end() - anchor
                    pieces.append(put(item, anchor, room))
                    anchor += min(len(item), room)
            last = match.end()
        if not changed:
            return self
        pieces.append(keep(last, len(self.text)))
        return self.rebuild(pieces)


def _starts(segments: tuple[tuple[int, int, int], ...]) -> list[int]:
    return [s[0] for s in segments]


def _slice(
    segments: tuple[tuple[int, int, int], ...], starts: list[int], start: int, end: int, at: int
) -> list[tuple[int, int, int]]:
    """The runs covering current [start, end), re-based so that `start` lands at `at`."""
    runs: list[tuple[int, int, int]] = []
    i = max(bisect_right(starts, start) - 1, 0)
    while i < len(segments):
        seg_pos, seg_raw, seg_len = segments[i]
        if seg_pos >= end:
            break
        lo, hi = max(start, seg_pos), min(end, seg_pos + seg_len)
        if hi > lo:
            runs.append((at + lo - start, seg_raw + lo - seg_pos, hi - lo))
        i += 1
    return runs


def _extend(out: list[tuple[int, int, int]], runs: list[tuple[int, int, int]]) -> None:
    for run in runs:
        if out:
            pos, raw, length = out[-1]
            if pos + length == run[0] and raw + length == run[1]:
                out[-1] = (pos, raw, length + run[2])
                continue
        out.append(run)
