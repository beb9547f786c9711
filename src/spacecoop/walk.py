"""Which files a batch reads: files named, folders walked, globs expanded, and why others are not.

A folder is walked without following symbolic links that lead out of the folders given (an
ingested `/etc/passwd` would be served back to anyone), nor links to folders (the folder is
walked once, and a link loop cannot trap the walk); `follow_links=True` follows both, each real
folder once. FIFOs, sockets and devices are never opened (reading a FIFO waits forever). Every
file left out is reported with the reason, except hidden files and folders, which are left out
on purpose (`.git`, editor backups).
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacecoop import models
from spacecoop.errors import BadQuery

_GLOB_CHARACTERS = set("*?[")
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass
class Walk:
    files: list[str] = field(default_factory=list)
    skipped: list[models.IngestFailure] = field(default_factory=list)


def walk_paths(
    paths: Iterable[str | Path], *, follow_links: bool = False, suffixes: frozenset[str] | None = None
) -> Walk:
    """Files to read from `paths` (files, folders walked recursively for `suffixes`, globs), each
    once in a stable order, and the files left out with the reason. A path that matches nothing is
    a BadQuery."""
    walk = Walk()
    found: dict[str, None] = {}
    skipped: dict[str, str] = {}
    for given in paths:
        text = str(given)
        path = Path(text)
        if path.is_dir():
            _walk_folder(path, follow_links, suffixes, found, skipped)
        elif os.path.lexists(text):
            _named_file(path, found, skipped)
        elif _GLOB_CHARACTERS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            matches = [m for m in matches if not Path(m).is_dir()]
            if not matches:
                raise BadQuery(f"{text}: no file matches this pattern")
            for match in matches:
                _named_file(Path(match), found, skipped)
        else:
            raise BadQuery(f"{text}: no such file or folder")
    walk.files = list(found)
    walk.skipped = [models.IngestFailure(p, reason) for p, reason in skipped.items() if p not in found]
    return walk


def _named_file(path: Path, found: dict[str, None], skipped: dict[str, str]) -> None:
    # A file named (or matched by a glob) is tried whatever its name, and followed if it is a link.
    reason = _unreadable(path)
    if reason:
        skipped.setdefault(str(path), reason)
    else:
        found.setdefault(str(path), None)


def _unreadable(path: Path) -> str | None:
    """Why a path cannot be read as a file without following it anywhere dangerous, or None."""
    try:
        info = path.stat()
    except OSError as error:
        if path.is_symlink():
            if error.errno == 40:  # ELOOP
                return "symbolic link loop (the link leads back to itself)"
            return f"dangling symbolic link (its target {os.readlink(path)} does not exist)"
        return f"cannot read the file: {error.strerror or error}"
    for test, kind in _KINDS:
        if test(info.st_mode):
            return f"not a regular file ({kind}); never opened"
    return None


def _walk_folder(
    root: Path,
    follow_links: bool,
    suffixes: frozenset[str] | None,
    found: dict[str, None],
    skipped: dict[str, str],
) -> None:
    real_root = root.resolve()
    seen_dirs = {real_root}
    matches: list[str] = []
    for folder, dirs, names in os.walk(root, followlinks=follow_links):
        here = Path(folder)
        kept = []
        for name in sorted(dirs):
            sub = here / name
            if name.startswith("."):
                continue
            if sub.is_symlink():
                real = sub.resolve()
                if not follow_links:
                    skipped[str(sub)] = _folder_link_reason(real, real_root)
                    continue
                if real in seen_dirs:
                    skipped[str(sub)] = "symbolic link to a folder already walked (a link loop); not followed"
                    continue
                seen_dirs.add(real)
            kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = here / name
            reason = _folder_file_reason(path, real_root, follow_links, suffixes)
            if reason:
                skipped[str(path)] = reason
            else:
                matches.append(str(path))
    for match in sorted(matches):
        found.setdefault(match, None)


def _folder_file_reason(
    path: Path, real_root: Path, follow_links: bool, suffixes: frozenset[str] | None
) -> str | None:
    reason = _unreadable(path)
    if reason:
        return reason
    if path.is_symlink() and not follow_links:
        target = path.resolve()
        if not target.is_relative_to(real_root):
            return f"symbolic link to {target}, outside the folder; not followed (--follow-links)"
    if path.stem.upper() == "README":
        return "a README describes the folder; not one of its documents"
    if suffixes is not None and path.suffix.lower() not in suffixes:
        shown = path.suffix or "no extension"
        return f"not a kind of file spacecoop reads ({shown}); name it on the command line to try it"
    return None


def _folder_link_reason(real: Path, real_root: Path) -> str:
    if not real.exists():
        return "dangling symbolic link to a folder; not followed"
    if real == real_root or real_root.is_relative_to(real) or real.is_relative_to(real_root):
        return "symbolic link to a folder inside the walk (a loop or a second way in); not followed"
    return f"symbolic link to the folder {real}, outside the folder; not followed (--follow-links)"
