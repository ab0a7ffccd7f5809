"""Replacing the school file and its key file together, so a crash leaves one whole pair.

Two files cannot be renamed in one step, so a replacement is staged first: the new database as
``School.sdp.incoming`` (complete and on disk), then the new key file as
``School.sdp-keys.incoming``. Then the database is renamed over the old one (one atomic step;
the school file never disappears), then the key file. After a crash, the next open looks at
what is left: a staged database means the swap had not started (both staged files are thrown
away, the old pair is intact); a staged key file alone means the database was already swapped
(the key file is moved in to finish). This is the write-ahead idea of SQLite's rollback journal
applied to two files.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from schooldp.storage.atomic import fsync_dir

log = logging.getLogger(__name__)

# A moment a crash test can stop at: called with the stage's name as a swap goes along.
checkpoint: Callable[[str], None] = lambda stage: None  # noqa: E731


def incoming_db(school_file: Path) -> Path:
    return school_file.with_name(school_file.name + ".incoming")


def incoming_keys(key_file: Path) -> Path:
    return key_file.with_name(key_file.name + ".incoming")


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def commit(school_file: Path, key_file: Path) -> None:
    """Swap in the staged pair; both staged files must be complete and synced."""
    os.replace(incoming_db(school_file), school_file)
    fsync_dir(school_file.parent)
    checkpoint("database swapped")
    os.replace(incoming_keys(key_file), key_file)
    fsync_dir(key_file.parent)


def discard(school_file: Path, key_file: Path) -> None:
    for leftover in (
        incoming_db(school_file),
        incoming_db(school_file).with_name(incoming_db(school_file).name + "-journal"),
        incoming_keys(key_file),
    ):
        leftover.unlink(missing_ok=True)


def recover(school_file: Path, key_file: Path) -> str | None:
    """Finish or undo a swap a crash interrupted; says which, or None when there was none."""
    staged_db = incoming_db(school_file)
    staged_keys = incoming_keys(key_file)
    if staged_db.exists():
        discard(school_file, key_file)
        log.warning("An interrupted replacement of the school file was undone")
        return "undone"
    if staged_keys.exists():
        os.replace(staged_keys, key_file)
        fsync_dir(key_file.parent)
        log.warning("An interrupted replacement of the school file was finished")
        return "finished"
    return None
