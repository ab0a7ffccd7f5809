"""The Appendix 1 triage wizard: one page per step, each saved and stamped as you move on.

The decisions live in `flows.breach_triage.BreachTriageFlow` (nextId asks it, isComplete asks
its checks); pages only turn widgets into `TriageData`. Reopening a breach replays the saved
steps so Back works, then stops at the first unfinished step. The 72-hour clock is on every page.

The wizard lives in the package `schooldp.ui.wizards.breach`; this module keeps the old import path.
"""

from __future__ import annotations

from schooldp.ui.wizards.breach import CLOCK_STYLE, PAGES, BreachTriageWizard, StepPage, clock_style

__all__ = ["CLOCK_STYLE", "PAGES", "BreachTriageWizard", "StepPage", "clock_style"]
