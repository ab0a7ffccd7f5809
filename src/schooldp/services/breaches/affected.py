"""Choosing who was affected: by class or year, by pasting UPNs or names, or from the rows of
the spreadsheet that went astray. Matching is reported: matched, unmatched lines, ambiguous names.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from schooldp.domain.errors import ValidationError
from schooldp.domain.people import Pupil, Staff

_SPACES = re.compile(r"\s+")
_UPN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")  # DfE unique pupil number: letter, 11 digits, check


@dataclass(frozen=True)
class Matched:
    """What a pasted list or a file matched: ids, and the lines that matched nothing."""

    ids: tuple[int, ...]
    lines: int  # lines (or rows) read, blank ones left out
    unmatched: tuple[str, ...]
    ambiguous: tuple[str, ...]  # a name shared by more than one person: choose them by hand

    @property
    def summary(self) -> str:
        text = f"{len(self.ids)} matched from {self.lines} line{'s' if self.lines != 1 else ''}"
        if self.unmatched:
            text += f"; {len(self.unmatched)} not matched"
        if self.ambiguous:
            text += f"; {len(self.ambiguous)} name(s) match more than one person"
        return text + "."


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.replace(",", " ")).strip().casefold()


def _names(first: str, last: str) -> set[str]:
    return {_key(f"{first} {last}"), _key(f"{last} {first}"), _key(f"{last}, {first}")}


def _pupil_keys(p: Pupil) -> set[str]:
    keys = {_key(p.upn)} | _names(p.legal_first_name, p.legal_last_name)
    if p.preferred_first_name or p.preferred_last_name:
        keys |= _names(
            p.preferred_first_name or p.legal_first_name, p.preferred_last_name or p.legal_last_name
        )
    return keys


def _index(people: Iterable[tuple[int, set[str]]]) -> dict[str, set[int]]:
    index: dict[str, set[int]] = {}
    for pid, keys in people:
        for k in keys:
            index.setdefault(k, set()).add(pid)
    return index


def _match(index: dict[str, set[int]], rows: Sequence[Sequence[str]]) -> Matched:
    """Each row matches when one of its cells, or two neighbouring cells, is a UPN or a name."""
    found: list[int] = []
    unmatched: list[str] = []
    ambiguous: list[str] = []
    read = 0
    for row in rows:
        cells = [c.strip() for c in row if c and c.strip()]
        if not cells:
            continue
        read += 1
        candidates = [*cells, *(f"{a} {b}" for a, b in zip(cells, cells[1:], strict=False)), " ".join(cells)]
        hits = [index[_key(c)] for c in candidates if _key(c) in index]
        single = next((h for h in hits if len(h) == 1), None)
        if single is not None:
            pid = next(iter(single))
            if pid not in found:
                found.append(pid)
        elif hits:
            ambiguous.append(" ".join(cells))
        else:
            unmatched.append(" ".join(cells))
    return Matched(tuple(found), read, tuple(unmatched), tuple(ambiguous))


def match_pupils(pupils: Iterable[Pupil], rows: Sequence[Sequence[str]]) -> Matched:
    """Pupils named in the rows, by UPN or by name (first last, last first, "last, first")."""
    return _match(_index((p.id, _pupil_keys(p)) for p in pupils if p.id is not None), rows)


def match_staff(staff: Iterable[Staff], rows: Sequence[Sequence[str]]) -> Matched:
    """Staff named in the rows, by their full name (or "surname, first names")."""

    def keys(s: Staff) -> set[str]:
        parts = s.name.split()
        out = {_key(s.name)}
        if len(parts) > 1:
            out |= _names(" ".join(parts[:-1]), parts[-1])
        return out

    return _match(_index((s.id, keys(s)) for s in staff if s.id is not None), rows)


def pasted_rows(text: str) -> list[list[str]]:
    """A pasted list: one person a line; cells split on tabs (pasted from a spreadsheet)."""
    return [line.split("\t") for line in text.splitlines()]


def file_rows(path: Path) -> list[list[str]]:
    """The rows of a CSV or Excel file (the spreadsheet that went astray), as text cells."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig", errors="replace")
        return [list(r) for r in csv.reader(io.StringIO(text))]
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            return [
                ["" if v is None else str(v) for v in row]
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
            ]
        finally:
            book.close()
    raise ValidationError("Choose a .csv or .xlsx file.", "path")


def looks_like_upn(text: str) -> bool:
    return bool(_UPN.match(text.strip().upper()))
