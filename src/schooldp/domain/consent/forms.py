"""Consent forms sent home: when the return slip is asked back by."""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["FORM_RETURN_DAYS", "form_return_by"]

# School practice, not a legal limit: two weeks for a family to read the form and hand the slip
# in. Until it comes back the state stays "Awaiting reply", and not answered is never consent
# (policy section 12; UK GDPR Art 7(1): the school must be able to show consent was given).
FORM_RETURN_DAYS = 14


def form_return_by(sent_on: date) -> date:
    """The "please hand this in by" date printed on a consent form sent on `sent_on`."""
    return sent_on + timedelta(days=FORM_RETURN_DAYS)
