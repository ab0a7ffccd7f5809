"""The Appendix 1 triage wizard, as a package: the base page, the pages grouped by stage, the wizard."""

from __future__ import annotations

from schooldp.ui.wizards.breach.base import CLOCK_STYLE, StepPage, clock_style
from schooldp.ui.wizards.breach.wizard import PAGES, BreachTriageWizard

__all__ = ["CLOCK_STYLE", "PAGES", "BreachTriageWizard", "StepPage", "clock_style"]
