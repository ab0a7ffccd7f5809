"""Recognising column headings: which register field each column of an export holds."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum

from schooldp.imports.mis.headings import (
    AMBIGUOUS_CONTACT_FIELDS,
    BARE_CONTACT_FIELDS,
    CONTACT_FIELDS,
    CONTACT_LOOKUP,
    MAX_CONTACT_SLOTS,
    NOT_NEEDED,
    NUMBERED_CONTACT,
    PLAIN_CONTACT,
    PRIMARY_CONTACT,
    PUPIL_FIELDS,
    PUPIL_LOOKUP,
    PUPIL_PREFIX,
    REQUIRED_PUPIL,
)


def header_key(text: object) -> str:
    """A heading as compared: case-folded words, digits split from letters ("Contact1Email")."""
    s = unicodedata.normalize("NFKC", str(text or "")).casefold()
    s = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", s)
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return " ".join(s.split())


def contact_target(slot: int, name: str) -> str:
    return f"contact{slot}.{name}"


def split_target(target: str) -> tuple[int | None, str]:
    """("contact2.email") -> (2, "email"); ("upn") -> (None, "upn")."""
    if target.startswith("contact") and "." in target:
        head, name = target.split(".", 1)
        return int(head[7:]), name
    return None, target


def target_label(target: str | None) -> str:
    if not target:
        return "Ignore (not imported)"
    slot, name = split_target(target)
    if slot is None:
        return PUPIL_FIELDS.get(name, name)
    who = "Contact (one per row)" if slot == 0 else f"Contact {slot}"
    return f"{who}: {CONTACT_FIELDS.get(name, name)}"


def target_choices(slots: int = 4) -> list[tuple[str, str]]:
    """(target, label) pairs for the mapping dialog, "" meaning ignore."""
    choices = [("", target_label(""))]
    choices += [(k, v) for k, v in PUPIL_FIELDS.items()]
    for slot in range(0, slots + 1):
        choices += [(contact_target(slot, k), target_label(contact_target(slot, k))) for k in CONTACT_FIELDS]
    return choices


def _recognise(key: str) -> tuple[str | None, bool]:
    """(target, ambiguous) for one heading key; target None if unknown."""
    m = NUMBERED_CONTACT.match(key)
    if m and int(m.group(1)) <= MAX_CONTACT_SLOTS:
        f = CONTACT_LOOKUP.get(m.group(2).strip())
        return (contact_target(int(m.group(1)), f) if f else None), False
    m = PRIMARY_CONTACT.match(key)
    if m:
        slot = 1 if m.group(1) in ("primary", "first", "main") else 2
        f = CONTACT_LOOKUP.get(m.group(2).strip())
        return (contact_target(slot, f) if f else None), False
    m = PLAIN_CONTACT.match(key)
    if m:
        rest = m.group(1).strip()
        f = CONTACT_LOOKUP.get(rest)
        if f is None and rest.startswith("details "):
            f = CONTACT_LOOKUP.get(rest[8:])
        return (contact_target(0, f) if f else None), False
    if key in PUPIL_LOOKUP:
        return PUPIL_LOOKUP[key], False
    m = PUPIL_PREFIX.match(key)
    if m and m.group(1) in PUPIL_LOOKUP:
        return PUPIL_LOOKUP[m.group(1)], False
    f = CONTACT_LOOKUP.get(key)
    if f in BARE_CONTACT_FIELDS:
        return contact_target(0, f), False
    if f in AMBIGUOUS_CONTACT_FIELDS:
        return contact_target(0, f), True
    return None, False


class ColumnState(Enum):
    RECOGNISED = "recognised"  # heading known to SchoolDP
    REMEMBERED = "remembered"  # the school's earlier answer
    NOT_NEEDED = "not needed"  # known heading the register does not keep
    UNKNOWN = "unknown"  # ask in the mapping dialog


@dataclass(frozen=True)
class ColumnMapping:
    headers: tuple[str, ...]
    targets: tuple[str | None, ...]
    states: tuple[ColumnState, ...]

    @property
    def unknown_columns(self) -> list[int]:
        return [i for i, s in enumerate(self.states) if s is ColumnState.UNKNOWN]

    @property
    def ignored_columns(self) -> list[str]:
        """Headings that will not be imported (data minimisation: the preview lists them)."""
        return [h for h, t in zip(self.headers, self.targets, strict=True) if not t and str(h).strip()]

    @property
    def used_targets(self) -> set[str]:
        return {t for t in self.targets if t}

    def missing_required(self) -> list[str]:
        """Labels of the fields a pupil import cannot do without."""
        used = self.used_targets
        missing = [PUPIL_FIELDS[f] for f in REQUIRED_PUPIL if f not in used]
        if "legal_last_name" not in used and "legal_full_name" not in used:
            missing.append(PUPIL_FIELDS["legal_last_name"])
        return missing

    def with_target(self, column: int, target: str | None) -> ColumnMapping:
        targets = list(self.targets)
        states = list(self.states)
        targets[column] = target or None
        states[column] = ColumnState.REMEMBERED
        return replace(self, targets=tuple(targets), states=tuple(states))

    def remembered_answers(self) -> dict[str, str]:
        """What to store for next time: heading key -> target ("" = ignore), for non-automatic columns."""
        return {
            header_key(h): (t or "")
            for h, t, s in zip(self.headers, self.targets, self.states, strict=True)
            if s is ColumnState.REMEMBERED and header_key(h)
        }


def auto_map(headers: Iterable[object], saved: dict[str, str] | None = None) -> ColumnMapping:
    """Recognise each heading; the school's saved answers win over recognition."""
    saved = saved or {}
    heads = tuple("" if h is None else str(h).strip() for h in headers)
    targets: list[str | None] = []
    states: list[ColumnState] = []
    ambiguous: list[int] = []
    for i, h in enumerate(heads):
        target, state, is_ambiguous = _map_heading(header_key(h), saved)
        targets.append(target)
        states.append(state)
        if is_ambiguous:
            ambiguous.append(i)
    grouped = _group_contacts([header_key(h) for h in heads], targets, states)
    ambiguous = [i for i in ambiguous if i not in grouped]
    has_row_contact = _resolve_repeats(targets, states, ambiguous)
    # "Email", "Postcode", "Address" alone belong to the contact in a one-row-per-contact file;
    # in a pupil file they are the pupil's own, which the register does not keep.
    if not has_row_contact:
        for i in ambiguous:
            if states[i] is ColumnState.RECOGNISED:
                targets[i] = None
                states[i] = ColumnState.NOT_NEEDED
    return ColumnMapping(heads, tuple(targets), tuple(states))


def _group_contacts(keys: list[str], targets: list[str | None], states: list[ColumnState]) -> set[int]:
    """Give plain headings inside a contact's group of columns to that contact (in place).

    SIMS, Arbor and Bromcom reports open each contact's columns with one that names the contact
    ("Primary Contact", "Secondary Guardian", "Contact 1 Title") and carry on with plain
    headings ("Relationship", "Address", "Telephone", "Forename"): those belong to the contact
    whose group they are in, up to the next group or a pupil's own heading. Returns the columns
    so given.
    """
    grouped: set[int] = set()
    current: int | None = None
    for i, key in enumerate(keys):
        target = targets[i]
        slot = split_target(target)[0] if target else None
        if slot:
            current = slot  # a group starts (or a numbered heading carries it on)
            continue
        if current is None or states[i] is ColumnState.REMEMBERED or not key:
            continue
        field = CONTACT_LOOKUP.get(key)
        if field is None:
            if target is not None:
                current = None  # a pupil's heading ends the group
            continue
        targets[i] = contact_target(current, field)
        states[i] = ColumnState.RECOGNISED
        grouped.add(i)
    return grouped


def _map_heading(key: str, saved: dict[str, str]) -> tuple[str | None, ColumnState, bool]:
    """(target, state, ambiguous) for one heading key."""
    if key in saved:
        return saved[key] or None, ColumnState.REMEMBERED, False
    target, is_ambiguous = _recognise(key)
    if target is None:
        state = ColumnState.NOT_NEEDED if (key in NOT_NEEDED or not key) else ColumnState.UNKNOWN
        return None, state, False
    return target, ColumnState.RECOGNISED, is_ambiguous


_PUPIL_TO_CONTACT_NAME = {"legal_first_name": "first_name", "legal_last_name": "last_name"}


def _resolve_repeats(targets: list[str | None], states: list[ColumnState], ambiguous: list[int]) -> bool:
    """Give each target to one column only (in place); True if the file has one contact per row.

    A second "Forename"/"Surname"/"Title" in a one-row-per-contact file is the contact's; any
    other repeat is not needed.
    """
    seen: set[str] = set()
    has_row_contact = any(
        t and t.startswith("contact0.") and i not in ambiguous for i, t in enumerate(targets)
    )
    for i, t in enumerate(targets):
        if t is None:
            continue
        if t not in seen:
            seen.add(t)
            continue
        slot, name = split_target(t)
        if slot is None and name in ("legal_first_name", "legal_last_name", "legal_full_name"):
            t2 = contact_target(0, _PUPIL_TO_CONTACT_NAME.get(name, "full_name"))
            if t2 not in seen:
                targets[i] = t2
                seen.add(t2)
                has_row_contact = True
                continue
        targets[i] = None
        states[i] = ColumnState.NOT_NEEDED
    return has_row_contact
