"""Domain exceptions: each carries a message a headteacher can act on."""

from __future__ import annotations


class SchoolDPError(Exception):
    """Base for errors shown to the user as they are."""


class ValidationError(SchoolDPError):
    """Input that cannot be accepted; the message says which field and why."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
