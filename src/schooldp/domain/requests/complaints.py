"""Data protection complaints: acknowledge within 30 days, then the outcome without undue delay.

Source: Data Protection Act 2018 s.164A, inserted by the Data (Use and Access) Act 2025.
"""

from __future__ import annotations

from datetime import date

from schooldp.domain.calendar import format_uk_date

# DPA 2018 s.164A(3): once acknowledged, the outcome follows without undue delay.
COMPLAINT_ACKNOWLEDGED = "Acknowledged: outcome without undue delay"


def complaint_clock_text(acknowledged_on: date | None) -> str:
    """Where a complaint stands against the s.164A clock, as a sentence for the request page."""
    if acknowledged_on:
        return f"Acknowledged {format_uk_date(acknowledged_on)}; outcome without undue delay."
    return "Acknowledge within 30 days (DPA 2018 s.164A)."
