"""Logging to a rotating file under the user log folder.

Log ids and counts, never names or free text: personal data stays in the vault.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from schooldp import config

MAX_BYTES = 1_000_000
BACKUPS = 3


class RotatingFile(logging.FileHandler):
    """A log file that starts afresh past MAX_BYTES, keeping BACKUPS older ones (.1 newest).

    The same rotation as logging.handlers.RotatingFileHandler, without importing that module
    (it brings socket, pickle and queue: about 10 ms before the first window can show).
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, mode="a", encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if (
                self.stream is not None
                and self.stream.tell() + len(self.format(record)) + 1 >= self.max_bytes
            ):
                self._roll()
        except Exception:  # noqa: BLE001 - logging must never stop the program
            self.handleError(record)
            return
        super().emit(record)

    def _roll(self) -> None:
        if self.stream is not None:
            self.stream.close()
        base = self.baseFilename
        for n in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{n}"):
                os.replace(f"{base}.{n}", f"{base}.{n + 1}")
        if self.backups > 0:
            os.replace(base, f"{base}.1")
        self.stream = self._open()


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_schooldp", False) for h in root.handlers):
        return
    handler = RotatingFile(config.log_dir() / "schooldp.log")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._schooldp = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # An uncaught error is logged by type and place only: its message may quote personal data.
    sys.excepthook = _log_uncaught


def _log_uncaught(exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
    import traceback

    frames = traceback.extract_tb(tb)
    where = "; ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} in {f.name}" for f in frames[-6:])
    logging.getLogger("schooldp").error("Uncaught %s at %s", exc_type.__name__, where)
    sys.__excepthook__(exc_type, exc, tb)
