"""Domain exceptions: each carries a message a headteacher can act on."""

from __future__ import annotations


class SchoolDPError(Exception):
    """Base for errors shown to the user as they are."""


class ValidationError(SchoolDPError):
    """Input that cannot be accepted; the message says which field and why."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ConflictError(SchoolDPError):
    """Someone else saved a change to the record after it was read here, so this save was refused.

    The message names who changed what and when; nothing was overwritten, and what this person
    typed is still theirs to reapply after reloading.
    """

    def __init__(self, message: str, entity: str, entity_id: str, who: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.entity = entity
        self.entity_id = entity_id
        self.who = who
