"""The "create a school file" wizard as a plain flow: pages, order and validation, no Qt."""

from __future__ import annotations

import re
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Any

from schooldp.domain.accounts import check_passphrase
from schooldp.domain.errors import ValidationError
from schooldp.domain.school import ContactPerson, SchoolProfile

SCHOOL_FILE_SUFFIX = ".sdp"


class Page(Enum):
    SCHOOL = "school"
    PEOPLE = "people"
    ACCOUNT = "account"
    SAVE = "save"


ORDER = [Page.SCHOOL, Page.PEOPLE, Page.ACCOUNT, Page.SAVE]

_PLACEHOLDER = ContactPerson("-")


def resolve_next(page: Page, data: dict[str, Any]) -> Page | None:
    i = ORDER.index(page)
    return ORDER[i + 1] if i + 1 < len(ORDER) else None


def validate(page: Page, data: dict[str, Any]) -> str | None:
    """The first problem on a page, in words a headteacher understands; None when it is fine."""
    try:
        if page is Page.SCHOOL:
            profile: SchoolProfile = data["profile"]
            replace(profile, dpo=_PLACEHOLDER, headteacher=_PLACEHOLDER).validate()
        elif page is Page.PEOPLE:
            data["profile"].validate()
        elif page is Page.ACCOUNT:
            if not str(data.get("account_name", "")).strip():
                raise ValidationError("Enter your name for your account.", "account")
            check_passphrase(data.get("passphrase", ""), data.get("confirm", ""))
        elif page is Page.SAVE:
            path = Path(str(data.get("path", "")))
            if not str(data.get("path", "")).strip():
                raise ValidationError("Choose where to save the school file.", "path")
            if path.suffix.lower() != SCHOOL_FILE_SUFFIX:
                raise ValidationError(f"A school file's name ends in {SCHOOL_FILE_SUFFIX}.", "path")
            if path.exists():
                raise ValidationError("A file with that name is already there. Choose another name.", "path")
    except ValidationError as exc:
        return str(exc)
    return None


def default_file_name(school_name: str) -> str:
    """A safe file name from the school's name (the school's name is not personal data)."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "", school_name).strip().rstrip(".")
    cleaned = re.sub(r"\s+", " ", cleaned)[:80] or "School"
    return cleaned + SCHOOL_FILE_SUFFIX
