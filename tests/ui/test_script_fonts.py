"""The interface can show every script the letters print, even on a computer without the fonts."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from schooldp.ui.app import _SCRIPT_FONTS, add_script_fonts


def test_every_script_has_a_font_after_adding_the_bundled_ones(qapp) -> None:
    add_script_fonts()
    for system in _SCRIPT_FONTS:
        assert QFontDatabase.families(getattr(QFontDatabase.WritingSystem, system)), system
