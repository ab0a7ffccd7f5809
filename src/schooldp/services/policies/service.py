"""PoliciesService: the school's data protection documents (version, approval, next review;
policy 19) and the yearly accountability checklist, with what SchoolDP already holds as evidence
against each of the ICO accountability framework's ten categories."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from schooldp.domain.errors import ValidationError
from schooldp.domain.policies import (
    ACCOUNTABILITY_CATEGORIES,
    DEFAULT_DOCUMENTS,
    CheckEntry,
    CheckState,
    PolicyDocument,
)
from schooldp.services.school import SchoolSession
from schooldp.services.versions import check
from schooldp.storage.policies_models import AccountabilityCheckRow, PolicyDocumentRow

__all__ = ["PoliciesService"]

_NOT_HERE = "That document is not in this school file."
_KEYS = {c.key for c in ACCOUNTABILITY_CATEGORIES}


def _doc(r: PolicyDocumentRow) -> PolicyDocument:
    return PolicyDocument(
        r.title,
        r.version,
        r.approver_role,
        r.approved_by,
        r.approved_on,
        r.review_months,
        r.next_review,
        r.notes,
        r.id,
        r.row_version,
    )


def _fill(row: PolicyDocumentRow, d: PolicyDocument) -> None:
    row.title, row.version, row.approver_role = d.title.strip(), d.version.strip(), d.approver_role.strip()
    row.approved_by, row.approved_on, row.review_months = (
        d.approved_by.strip(),
        d.approved_on,
        d.review_months,
    )
    row.next_review, row.notes = d.next_review, d.notes.strip()


class PoliciesService:
    def __init__(self, session: SchoolSession) -> None:
        self.session = session

    def _stamp(self) -> datetime:
        return self.session.clock.now().astimezone(UTC).replace(tzinfo=None)

    # ---- documents ------------------------------------------------------------------------------
    def documents(self, seed: bool = True) -> list[PolicyDocument]:
        """The school's documents; the usual six are listed the first time the page asks (`seed`)."""
        with self.session.read() as s:
            rows = list(s.scalars(select(PolicyDocumentRow).order_by(PolicyDocumentRow.id)))
        if not rows and seed and not self.session.read_only:
            with self.session.change() as ch:
                for d in DEFAULT_DOCUMENTS:
                    row = PolicyDocumentRow(updated_at=self._stamp())
                    _fill(row, d)
                    ch.session.add(row)
                ch.record(
                    "policies.seeded",
                    "policy_document",
                    "",
                    f"{len(DEFAULT_DOCUMENTS)} usual documents listed",
                )
            return self.documents()
        return [_doc(r) for r in rows]

    def save_document(self, d: PolicyDocument) -> PolicyDocument:
        d.validate()
        with self.session.change() as ch:
            row = ch.session.get(PolicyDocumentRow, d.id) if d.id is not None else PolicyDocumentRow()
            if row is None:
                raise ValidationError(_NOT_HERE, "document")
            if d.id is not None:
                check(ch, row, d.row_version, "policy_document", d.id)
            approved_now = d.approved_on is not None and row.approved_on != d.approved_on
            _fill(row, d)
            row.updated_at = self._stamp()
            ch.session.add(row)
            ch.session.flush()
            if approved_now:
                ch.record(
                    "policies.approved", "policy_document", row.id, f"Version {row.version or '-'} approved"
                )
            else:
                ch.record("policies.saved", "policy_document", row.id, "Document details saved")
            return replace(d, id=row.id, row_version=row.row_version)

    # ---- accountability checklist ---------------------------------------------------------------
    def checklist(self, year: int) -> list[CheckEntry]:
        """The ten categories for one year, with what the DPO recorded (not started if nothing yet)."""
        with self.session.read() as s:
            rows = {
                r.category: r
                for r in s.scalars(select(AccountabilityCheckRow).where(AccountabilityCheckRow.year == year))
            }
        out = []
        for c in ACCOUNTABILITY_CATEGORIES:
            r = rows.get(c.key)
            if r is None:
                out.append(CheckEntry(year, c.key))
            else:
                out.append(
                    CheckEntry(
                        year, c.key, CheckState(r.state), r.evidence, r.actions, r.checked_by, r.checked_on
                    )
                )
        return out

    def save_check(self, entry: CheckEntry) -> CheckEntry:
        if entry.category not in _KEYS:
            raise ValidationError("Unknown accountability category.", "category")
        saved = replace(
            entry, checked_by=self.session.account.display_name, checked_on=self.session.clock.today()
        )
        with self.session.change() as ch:
            row = ch.session.scalar(
                select(AccountabilityCheckRow).where(
                    AccountabilityCheckRow.year == entry.year,
                    AccountabilityCheckRow.category == entry.category,
                )
            )
            if row is None:
                row = AccountabilityCheckRow(year=entry.year, category=entry.category)
                ch.session.add(row)
            row.state, row.evidence, row.actions = (
                saved.state.value,
                saved.evidence.strip(),
                saved.actions.strip(),
            )
            row.checked_by, row.checked_on = saved.checked_by, saved.checked_on
            ch.record(
                "policies.check_saved", "accountability", f"{entry.year}:{entry.category}", saved.state.label
            )
        return saved

    def holdings(self) -> dict[str, str]:
        """What SchoolDP already holds against each category: the links a DPO cites as evidence."""
        from schooldp.services.policies.evidence import holdings

        return holdings(self.session, self.documents(seed=False))

    def latest_year(self) -> int:
        with self.session.read() as s:
            year = s.scalar(select(func.max(AccountabilityCheckRow.year)))
        return int(year) if year else self.session.clock.today().year

    def today(self) -> date:
        return self.session.clock.today()
