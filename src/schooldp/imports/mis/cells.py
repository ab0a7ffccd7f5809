"""Cell values: text, yes/no flags, whole names and addresses split up, postcodes."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_YES = {"yes", "y", "true", "t", "1", "x", "✓", "✔", "pr", "has pr"}
_NO = {"no", "n", "false", "f", "0", "-", "none"}


def parse_yes_no(value: object) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"'{value}' should be Yes or No.")


# What a spreadsheet runs as a formula when a cell starts with it (OWASP "CSV injection").
FORMULA_LEADERS = ("=", "+", "-", "@", "\t", "\r")


def needs_formula_guard(text: str) -> bool:
    """True for text a spreadsheet would run as a formula, and for text that already looks
    guarded ("'-"), so that guarding it again and taking the guard off gives it back unchanged."""
    stripped = text.lstrip("'")
    return stripped.startswith(FORMULA_LEADERS) and stripped != text or text.startswith(FORMULA_LEADERS)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    if text.startswith("'") and needs_formula_guard(text[1:]):
        text = text[1:]  # the apostrophe an export puts before formula-like text
    return unicodedata.normalize("NFC", " ".join(text.split()))


def split_address(value: object) -> list[str]:
    """A whole address in one cell: lines split on new lines, or commas if on one line."""
    if value is None:
        return []
    text = unicodedata.normalize("NFC", str(value))
    parts = re.split(r"\r\n|\r|\n", text) if re.search(r"[\r\n]", text) else text.split(",")
    return [" ".join(p.split()) for p in parts if p.strip()]


POSTCODE_PATTERN = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame", "lady", "lord"}


def normalise_postcode(text: str) -> str:
    compact = "".join(text.split()).upper()
    m = POSTCODE_PATTERN.match(compact)
    return f"{m.group(1)} {m.group(2)}" if m else " ".join(text.split()).upper()


def split_name(text: str, family_name: str = "") -> tuple[str, str, str]:
    """(title, first, last) from a whole name: "Surname, Forename" or "[Title] Forename Surname".

    Without a comma the split is a guess; the pupil's surname at the end of a carer's name is
    taken as the surname ("Thị Lan Nguyễn"), otherwise the last word is.
    """
    text = cell_text(text)
    if not text:
        return "", "", ""
    if "," in text:
        last, _, first = text.partition(",")
        title, first = _pop_title(first.strip())
        return title, first, last.strip()
    title, rest = _pop_title(text)
    family = cell_text(family_name)
    if family and rest.endswith(" " + family) and len(rest) > len(family) + 1:
        return title, rest[: -len(family) - 1].strip(), family
    if family and rest == family:
        return title, "", family
    first, _, last = rest.rpartition(" ")
    return title, first, last


def _pop_title(text: str) -> tuple[str, str]:
    first, _, rest = text.partition(" ")
    if rest and first.rstrip(".").casefold() in _TITLES:
        return first, rest.strip()
    return "", text
