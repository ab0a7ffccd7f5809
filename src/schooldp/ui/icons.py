"""Icons drawn from the bundled SVGs in resources/icons, never from font glyphs.

A symbol taken from a font shows as an empty box on a machine whose fonts lack it (the clock and
the pause mark on a stock Windows install); an SVG draws the same everywhere. Every icon sits
next to words, so status is never told by the picture (or its colour) alone.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from schooldp.resources import resource

NAMES = ("attention", "clock", "done", "keyboard", "lock", "pause", "unlock")


@cache
def icon(name: str) -> QIcon:
    """The bundled icon `resources/icons/<name>.svg` (an empty icon if the file is missing)."""
    try:
        return QIcon(str(resource(f"icons/{name}.svg")))
    except FileNotFoundError:
        return QIcon()
