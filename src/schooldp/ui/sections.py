"""The sidebar's sections, in order; light on purpose (the first window reads it)."""

from __future__ import annotations

SECTIONS = (
    "Dashboard",
    "Breaches",
    "Requests",
    "Consent",
    "People",
    "Letters",
    "Records",
    "DPIAs",
    "Retention",
    "Training",
    "Policies",
    "Activity",
    "Settings",
)
"""The sidebar's sections in order: the main window builds its sidebar from this list."""

NUMBERED = 9
"""Ctrl+1 to Ctrl+9 go to the first nine sections (there is no Ctrl+10)."""
