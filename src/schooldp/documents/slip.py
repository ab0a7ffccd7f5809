"""Tear-off slips: the dashed cut line, and the space that puts a slip at the foot of the page.

A consent form's return slip and a letter's confirmation slip ("--- cut here ---" in the
wording) use these, so the letter reads on above the line and the part to hand back sits at
the bottom of the page when it fits there (otherwise it starts the next page, whole).
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.flowables import _listWrapOn

from schooldp.documents.fonts import MONO

_MUTED = colors.HexColor("#555555")


class CutLine(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """A dashed line with "cut here" in the middle, where the slip is torn off."""

    def __init__(self, label: str = "\u2702 cut here and return the slip") -> None:
        super().__init__()
        self.label = label

    def wrap(self, availWidth: float, _avail_height: float) -> tuple[float, float]:
        self.width = availWidth
        return (availWidth, 5 * mm)

    def draw(self) -> None:
        c = self.canv
        y = 5 * mm
        c.setFont(MONO, 8)
        text_w = c.stringWidth(self.label, MONO, 8)
        mid = self.width / 2
        c.setStrokeColor(_MUTED)
        c.setDash(3, 3)
        c.setLineWidth(0.6)
        c.line(0, y, mid - text_w / 2 - 4, y)
        c.line(mid + text_w / 2 + 4, y, self.width, y)
        c.setFillColor(_MUTED)
        c.drawCentredString(mid, y - 3, self.label)


class PushToFoot(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Blank space that puts what follows at the foot of the page when it fits there."""

    def __init__(self, following: list[Flowable]) -> None:
        super().__init__()
        self.following = following

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, height = _listWrapOn(self.following, availWidth, self.canv)
        room = availHeight - height - 10  # slack for the last paragraph's space after
        return (availWidth, room if room > 0 else 0)

    def split(self, _avail_width: float, _avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        pass


def slip_at_foot(slip: list[Flowable], label: str = "\u2702 cut here and return the slip") -> list[Flowable]:
    """``slip`` after a cut line, kept in one piece, at the foot of the page when it fits."""
    content = [CutLine(label), *slip]
    return [PushToFoot(content), KeepTogether(content)]
