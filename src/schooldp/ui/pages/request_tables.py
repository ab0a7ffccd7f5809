"""The small read-only tables on a request's page (ID seen, searches, disclosure, letters) and
how one recorded entry reads in a row."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from schooldp.domain.calendar import format_uk_date
from schooldp.services.requests import DisclosureEntry, IdEntry, SearchEntry
from schooldp.ui.widgets.tables import list_table, setup_table


def detail_table(headers: list[str], name: str) -> QTableWidget:
    return setup_table(list_table(headers), name, select_rows=True, read_only=True, stretch_last=True)


def fill_table(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.setItem(i, j, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


def id_row(i: IdEntry) -> tuple[str, ...]:
    doc = i.document
    what = doc.document_type.label + (f": {doc.description}" if doc.description else "")
    return (what, format_uk_date(doc.date_seen), doc.seen_by, i.by)


def search_row(r: SearchEntry) -> tuple[str, ...]:
    rec = r.record
    where = rec.location.label + (f": {rec.description}" if rec.description else "")
    return (where, rec.searched_by, format_uk_date(rec.searched_on), str(rec.items_found), rec.note)


def disclosure_row(x: DisclosureEntry) -> tuple[str, ...]:
    dec = x.decision
    return (dec.item, dec.outcome.label, "; ".join(e.label for e in dec.exemptions) or "—", x.by)
