"""Small facts about a finished PDF, for the letter log."""

from __future__ import annotations

import hashlib
import re

_PAGES_COUNT = re.compile(rb"/Count\s+(\d+)\b[^>]*?/Type\s*/Pages\b|/Type\s*/Pages\b[^>]*?/Count\s+(\d+)")


def pdf_sha256(data: bytes) -> str:
    """Hex SHA-256 of the exact bytes, recorded so a reprint can be shown to be identical."""
    return hashlib.sha256(data).hexdigest()


def page_count(data: bytes) -> int:
    """Number of pages of a PDF made by this package (ReportLab writes one flat page tree).

    Not a general PDF parser: SchoolDP only needs it for its own output, without pulling a
    PDF library into the installer.
    """
    counts = [int(a or b) for a, b in _PAGES_COUNT.findall(data)]
    if not counts:
        raise ValueError("Not a PDF made by SchoolDP: no page tree found.")
    return max(counts)
