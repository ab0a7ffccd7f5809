"""DpiaService: screen, write, version, sign off and print DPIAs; each save is one transaction
with its audit entry, and a new version row (the earlier versions stay as they were)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schooldp.domain.dpia import Dpia
from schooldp.domain.errors import ValidationError
from schooldp.domain.records import ProcessingActivity
from schooldp.services.dpia.codec import dpia_from_dict, dpia_to_dict, dumps
from schooldp.services.dpia.examples import load_examples
from schooldp.services.records.activities import load_activities, update_activity
from schooldp.services.school import SchoolSession
from schooldp.services.versions import check
from schooldp.storage.atomic import atomic_write_bytes
from schooldp.storage.dpia_models import DpiaRow, DpiaVersionRow

__all__ = ["DpiaService", "DpiaVersion"]

_NOT_HERE = "That DPIA is not in this school file."


@dataclass(frozen=True)
class DpiaVersion:
    version: int
    saved_at: datetime  # aware UTC
    saved_by: str
    summary: str


def _from_row(row: DpiaRow) -> Dpia:
    return dpia_from_dict(
        json.loads(row.body_json),
        id=row.id,
        reference=row.reference,
        version=row.version,
        row_version=row.row_version,
    )


def _changed(before: dict[str, object], after: dict[str, object]) -> list[str]:
    return [k.replace("_", " ") for k in after if before.get(k) != after[k]]


class DpiaService:
    def __init__(self, session: SchoolSession) -> None:
        self.session = session

    # ---- reading --------------------------------------------------------------------------------
    def assessments(self) -> list[Dpia]:
        with self.session.read() as s:
            rows = list(s.scalars(select(DpiaRow).order_by(DpiaRow.id)))
        return [_from_row(r) for r in rows]

    def assessment(self, dpia_id: int) -> Dpia:
        with self.session.read() as s:
            row = s.get(DpiaRow, dpia_id)
            if row is None:
                raise ValidationError(_NOT_HERE, "dpia")
            return _from_row(row)

    def versions(self, dpia_id: int) -> list[DpiaVersion]:
        with self.session.read() as s:
            rows = s.scalars(
                select(DpiaVersionRow)
                .where(DpiaVersionRow.dpia_id == dpia_id)
                .order_by(DpiaVersionRow.version)
            )
            return [
                DpiaVersion(r.version, r.saved_at.replace(tzinfo=UTC), r.saved_by, r.summary) for r in rows
            ]

    def version(self, dpia_id: int, version: int) -> Dpia:
        """The DPIA as it was saved at that version."""
        with self.session.read() as s:
            row = s.scalar(
                select(DpiaVersionRow).where(
                    DpiaVersionRow.dpia_id == dpia_id, DpiaVersionRow.version == version
                )
            )
            current = s.get(DpiaRow, dpia_id)
            if row is None or current is None:
                raise ValidationError(_NOT_HERE, "dpia")
            return dpia_from_dict(
                json.loads(row.body_json), id=dpia_id, reference=current.reference, version=version
            )

    def examples(self) -> list[Dpia]:
        """Starter examples (CCTV, biometric catering, a cloud MIS, an AI marking tool) to adapt."""
        return list(load_examples())

    def activities(self) -> list[ProcessingActivity]:
        """The record's activities a DPIA can be linked to."""
        return load_activities(self.session)

    # ---- writing --------------------------------------------------------------------------------
    def _stamp(self) -> datetime:
        return self.session.clock.now().astimezone(UTC).replace(tzinfo=None)

    def _next_reference(self, s: Session) -> str:
        year = self.session.clock.today().year
        prefix = f"DPIA-{year}-"
        taken = s.scalar(
            select(func.count()).select_from(DpiaRow).where(DpiaRow.reference.like(prefix + "%"))
        )
        return f"{prefix}{int(taken or 0) + 1:03d}"

    def _add_version(self, s: Session, dpia_id: int, version: int, body: str, summary: str) -> None:
        s.add(
            DpiaVersionRow(
                dpia_id=dpia_id,
                version=version,
                saved_at=self._stamp(),
                saved_by=self.session.account.display_name,
                summary=summary,
                body_json=body,
            )
        )

    def create(self, dpia: Dpia) -> Dpia:
        dpia.validate()
        body = dumps(dpia_to_dict(dpia))
        with self.session.change() as ch:
            reference = self._next_reference(ch.session)
            now = self._stamp()
            row = DpiaRow(
                reference=reference,
                title=dpia.title.strip(),
                activity_key=dpia.activity_key,
                version=1,
                body_json=body,
                created_at=now,
                updated_at=now,
            )
            ch.session.add(row)
            ch.session.flush()
            self._add_version(ch.session, row.id, 1, body, "Started")
            ch.record("dpia.created", "dpia", row.id, f"DPIA {reference} started")
            saved = replace(dpia, id=row.id, reference=reference, version=1)
        self._link_activity(saved)
        return saved

    def save(self, dpia: Dpia) -> Dpia:
        """Keep a new version; an approval is refused until every step is complete (ICO template)."""
        dpia.validate()
        with self.session.change() as ch:
            row = ch.session.get(DpiaRow, dpia.id) if dpia.id is not None else None
            if row is None:
                raise ValidationError(_NOT_HERE, "dpia")
            check(ch, row, dpia.row_version, "dpia", row.id)
            before = dpia_from_dict(json.loads(row.body_json))
            old_body, new_body = json.loads(row.body_json), dpia_to_dict(dpia)
            changed = _changed(old_body, new_body)
            if not changed:
                ch.record("dpia.checked", "dpia", row.id, "No change")
                return _from_row(row)
            row.version += 1
            row.title, row.activity_key = dpia.title.strip(), dpia.activity_key
            row.body_json, row.updated_at = dumps(new_body), self._stamp()
            approved_now = dpia.sign_off.approved and not before.sign_off.approved
            summary = "Approved by the headteacher" if approved_now else "Changed: " + ", ".join(changed)
            self._add_version(ch.session, row.id, row.version, row.body_json, summary)
            action = "dpia.approved" if approved_now else "dpia.changed"
            ch.record(action, "dpia", row.id, f"DPIA {row.reference} version {row.version}: {summary}")
            ch.session.flush()
            saved = replace(
                dpia, id=row.id, reference=row.reference, version=row.version, row_version=row.row_version
            )
        self._link_activity(saved)
        return saved

    def _link_activity(self, dpia: Dpia) -> None:
        """Write the DPIA's reference on the processing activity it assesses (Art 30 record)."""
        if not dpia.activity_key:
            return
        link = f"{dpia.reference}: {dpia.title.strip()}"
        for activity in load_activities(self.session):
            if activity.key != dpia.activity_key or link in activity.dpia:
                continue
            # Keep other DPIAs and the DPO's own words; replace this DPIA's earlier title.
            others = [
                x.strip()
                for x in activity.dpia.split(";")
                if x.strip() and not x.strip().startswith(f"{dpia.reference}:")
            ]
            update_activity(self.session, replace(activity, dpia="; ".join([*others, link])))

    # ---- printing -------------------------------------------------------------------------------
    def pdf(self, dpia_id: int, version: int | None = None) -> bytes:
        from schooldp.services.dpia.printout import dpia_pdf

        dpia = self.assessment(dpia_id) if version is None else self.version(dpia_id, version)
        names = {a.key: a.name for a in load_activities(self.session, include_inactive=True)}
        return dpia_pdf(self.session, dpia, names.get(dpia.activity_key, ""))

    def save_pdf(self, dpia_id: int, path: Path) -> Path:
        atomic_write_bytes(Path(path), self.pdf(dpia_id))
        return Path(path)
