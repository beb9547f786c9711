"""Folder walking: links out of the folder, loops, FIFOs and other kinds of file, each named."""

from __future__ import annotations

import os
from pathlib import Path

from spacecoop.ingest import walk_paths


def _reasons(walk) -> dict[str, str]:
    return {Path(f.path).name: f.reason for f in walk.skipped}


def test_walk_link_out_of_folder_not_followed_unless_asked(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "private.txt").write_text("Not for the newsroom.")
    news = tmp_path / "news"
    news.mkdir()
    (news / "story.txt").write_text("A satellite was launched.")
    os.symlink(tmp_path / "elsewhere" / "private.txt", news / "linked.txt")
    os.symlink(news / "story.txt", news / "alias.txt")  # inside the folder: fine
    os.symlink(tmp_path / "elsewhere", news / "folder_link")
    walk = walk_paths([news])
    assert [Path(p).name for p in walk.files] == ["alias.txt", "story.txt"]
    reasons = _reasons(walk)
    assert "outside the folder" in reasons["linked.txt"] and "--follow-links" in reasons["linked.txt"]
    assert "outside the folder" in reasons["folder_link"]
    followed = walk_paths([news], follow_links=True)
    assert sorted(Path(p).name for p in followed.files) == [
        "alias.txt",
        "linked.txt",
        "private.txt",
        "story.txt",
    ]


def test_walk_loops_dangling_links_and_fifos_are_named(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "note.md").write_text("# A note\n\nThe crew returned.")
    os.symlink(tmp_path, tmp_path / "sub" / "up")  # a folder loop
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    walk = walk_paths([tmp_path])
    assert [Path(p).name for p in walk.files] == ["note.md"]
    reasons = _reasons(walk)
    assert "loop" in reasons["self.txt"]
    assert "dangling" in reasons["dangling.txt"]
    assert "FIFO" in reasons["pipe.txt"]
    assert "(.jpg)" in reasons["photo.jpg"]
    assert "not followed" in reasons["up"]
    followed = walk_paths([tmp_path], follow_links=True)  # the loop is walked once, then stopped
    assert [Path(p).name for p in followed.files] == ["note.md"]


def test_walk_fifo_named_on_the_command_line_is_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    walk = walk_paths([tmp_path / "pipe.txt"])
    assert walk.files == [] and "FIFO" in walk.skipped[0].reason
