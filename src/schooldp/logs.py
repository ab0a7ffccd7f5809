"""Logging to a rotating file under the user log folder.

Log ids and counts, never names or free text: personal data stays in the vault.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys

from schooldp import config


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_schooldp", False) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        config.log_dir() / "schooldp.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
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
