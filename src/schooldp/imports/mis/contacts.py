"""A pupil's contacts from the cells of one row, and contacts merged across rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from schooldp.domain.people import is_email_address, recorded_parental_responsibility
from schooldp.imports.mis.cells import (
    POSTCODE_PATTERN,
    cell_text,
    normalise_postcode,
    parse_yes_no,
    split_address,
    split_name,
)
from schooldp.imports.mis.headings import CONTACT_FIELDS
from schooldp.imports.mis.records import ContactRecord


def merge_contacts(a: tuple[ContactRecord, ...], b: tuple[ContactRecord, ...]) -> tuple[ContactRecord, ...]:
    merged = list(a)
    keys = {(c.name_key, c.postcode, c.email.casefold()) for c in a}
    for c in b:
        key = (c.name_key, c.postcode, c.email.casefold())
        if key not in keys:
            keys.add(key)
            if any(m.priority == c.priority for m in merged):
                c = replace(c, priority=max(m.priority for m in merged) + 1)
            merged.append(c)
    return tuple(merged)


def contact_from_cells(
    slot: int, cells: dict[str, object], family_name: str, warn: Callable[[str], None]
) -> ContactRecord | None:
    """The contact in `slot` (0: the one contact of a one-row-per-contact file), or None.

    Problems that do not stop the import (an unreadable flag, priority or email) are passed to
    `warn`; a contact with details but no name is left out with a warning.
    """
    c = _slot_cells(slot, cells)
    if not c:
        return None
    title, first, last = _contact_name(c, family_name)
    who = f"Contact {slot}" if slot else "The contact"
    if not (first or last):
        warn(f"{who} has details but no name, so was left out.")
        return None
    pr = _flag(c, "parental_responsibility", who, "No", warn)
    lives = _flag(c, "lives_with_pupil", who, "Yes", warn)
    priority = _priority(c, slot, who, warn)
    email = _email(c, who, warn)
    lines, postcode = _address(c)
    return ContactRecord(
        first_name=first,
        last_name=last,
        title=title,
        relationship=cell_text(c.get("relationship")),
        parental_responsibility=recorded_parental_responsibility(pr),
        lives_with_pupil=lives if lives is not None else True,
        priority=priority,
        address_lines=tuple(line for line in lines if line),
        postcode=postcode,
        email=email,
        phone=_phone(c),
    )


def _slot_cells(slot: int, cells: dict[str, object]) -> dict[str, object]:
    """The row's cells for one contact slot, keyed by contact field name."""
    prefix = f"contact{slot}."
    return {k[len(prefix) :]: v for k, v in cells.items() if k.startswith(prefix)}


def _contact_name(c: dict[str, object], family_name: str) -> tuple[str, str, str]:
    """(title, first, last): from their own columns, else split from a whole-name column."""
    title, first, last = (
        cell_text(c.get("title")),
        cell_text(c.get("first_name")),
        cell_text(c.get("last_name")),
    )
    if not (first or last) and c.get("full_name") is not None:
        t, first, last = split_name(cell_text(c["full_name"]), family_name=family_name)
        title = title or t
    return title, first, last


def _flag(
    c: dict[str, object], name: str, who: str, taken_as: str, warn: Callable[[str], None]
) -> bool | None:
    """A Yes/No column; None when blank or unreadable (with a warning saying what was assumed)."""
    try:
        return parse_yes_no(c.get(name))
    except ValueError as exc:
        warn(f"{who} {CONTACT_FIELDS[name]}: {exc} Taken as {taken_as}.")
        return None


def _priority(c: dict[str, object], slot: int, who: str, warn: Callable[[str], None]) -> int:
    """The contact's priority column, else the slot number (first contact for slot 0)."""
    priority = slot or 1
    if c.get("priority") is not None:
        try:
            priority = max(1, int(float(cell_text(c["priority"]))))
        except ValueError:
            warn(f"{who} priority '{cell_text(c['priority'])}' is not a number; {priority} was used.")
    return priority


def _email(c: dict[str, object], who: str, warn: Callable[[str], None]) -> str:
    """The email address, or "" (with a warning) when it does not look like one."""
    email = cell_text(c.get("email"))
    if email and not is_email_address(email):
        warn(f"{who} email '{email}' does not look like an email address and was left out.")
        return ""
    return email


def _address(c: dict[str, object]) -> tuple[list[str], str]:
    """(lines, postcode) from a whole-address cell and/or the separate address columns.

    Without a postcode column, a last line that is a postcode is taken as the postcode.
    """
    lines: list[str] = []
    if c.get("address") is not None:
        lines += split_address(c["address"])
    lines += [cell_text(c[f"address_line{n}"]) for n in range(1, 6) if c.get(f"address_line{n}") is not None]
    if c.get("house_name") is not None:
        lines.append(cell_text(c["house_name"]))
    street = " ".join(cell_text(c.get(k)) for k in ("house_number", "street") if c.get(k) is not None)
    if street:
        lines.append(street)
    lines += [cell_text(c[k]) for k in ("locality", "town", "county") if c.get(k) is not None]
    postcode = normalise_postcode(cell_text(c.get("postcode")))
    if not postcode and lines and POSTCODE_PATTERN.match("".join(lines[-1].split()).upper()):
        postcode = normalise_postcode(lines.pop())
    return lines, postcode


def _phone(c: dict[str, object]) -> str:
    """One phone number: mobile first, then home or main, then work."""
    return next(
        (cell_text(c[k]) for k in ("phone_mobile", "phone_home", "phone_work") if c.get(k) is not None), ""
    )
