"""Saving what SchoolDP made (letters, reports, exports) to a file the user chose.

Always atomic: a temp file in the same folder, fsync, then rename, so a file is never left
half-written on a USB stick or a network share.
"""

from __future__ import annotations

from pathlib import Path

from schooldp.storage.atomic import atomic_write_bytes


def save_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, making the folder if needed."""
    atomic_write_bytes(Path(path), data)


__all__ = ["save_bytes"]
