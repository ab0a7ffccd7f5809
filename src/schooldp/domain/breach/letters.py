"""Dates in letters about a breach."""

from __future__ import annotations

from datetime import date, timedelta

# SchoolDP default, not a legal limit: Policy App 1 asks the DPO to obtain a written response
# from everyone who received the data in error, confirming deletion, but sets no time; five days
# asks for a prompt reply that the DPO can chase within the week. The DPO may change the date.
DELETION_REPLY_DAYS = 5


def deletion_reply_by(letter_date: date) -> date:
    """The reply-by date suggested in a request to delete data received in error."""
    return letter_date + timedelta(days=DELETION_REPLY_DAYS)
