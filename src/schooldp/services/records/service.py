"""RecordsService: the record of processing's use cases, one call each, for the Records page,
the dashboard and the annual report. Each change is one transaction with its audit entry."""

from __future__ import annotations

from pathlib import Path

from schooldp.documents.records_register import RegisterDocument
from schooldp.domain.errors import ValidationError
from schooldp.domain.records import NoticeAudience, Organisation, ProcessingActivity
from schooldp.services.records import activities, export, notices, organisations
from schooldp.services.records.history import RecordChange, changes_for
from schooldp.services.records.notices import GeneratedNotice, NoticeInfo
from schooldp.services.records.starter import load_starter
from schooldp.services.school import SchoolSession
from schooldp.storage.atomic import atomic_write_bytes

__all__ = ["AdoptResult", "RecordsService"]


class AdoptResult(tuple[int, int]):
    """(activities added, organisations added)."""

    @property
    def activities(self) -> int:
        return self[0]

    @property
    def organisations(self) -> int:
        return self[1]


class RecordsService:
    def __init__(self, session: SchoolSession) -> None:
        self.session = session

    # ---- activities ------------------------------------------------------------------------
    def activities(self, include_inactive: bool = False) -> list[ProcessingActivity]:
        return activities.load_activities(self.session, include_inactive)

    def activity(self, activity_id: int) -> ProcessingActivity:
        for a in self.activities(include_inactive=True):
            if a.id == activity_id:
                return a
        raise KeyError(activity_id)

    def add_activity(self, activity: ProcessingActivity) -> ProcessingActivity:
        return activities.add_activity(self.session, activity)

    def update_activity(self, activity: ProcessingActivity) -> ProcessingActivity:
        return activities.update_activity(self.session, activity)

    def mark_reviewed(self, activity_id: int) -> ProcessingActivity:
        return activities.mark_reviewed(self.session, activity_id)

    def adopt_starter(self) -> AdoptResult:
        """Add the starter record's activities and organisations the school does not have yet."""
        starter = load_starter()
        have_keys = {a.key for a in self.activities(include_inactive=True)}
        have_orgs = {o.name.casefold() for o in self.organisations(include_inactive=True)}
        added_a = added_o = 0
        with self.session.change() as ch:
            for a in starter.activities:
                if a.key not in have_keys:
                    activities.insert_activity(ch.session, self.session, a, "Adopted from the starter record")
                    added_a += 1
            for o in starter.organisations:
                if o.name.casefold() not in have_orgs:
                    organisations.insert_organisation(
                        ch.session, self.session, o, "Adopted from the starter record"
                    )
                    added_o += 1
            ch.record(
                "records.starter_adopted",
                "record_of_processing",
                "",
                f"Starter record adopted: {added_a} activities, {added_o} organisations",
            )
        return AdoptResult((added_a, added_o))

    def history(self, entity: str | None = None, entity_id: int | None = None) -> list[RecordChange]:
        return changes_for(self.session, entity, entity_id)

    # ---- organisations ---------------------------------------------------------------------
    def organisations(self, include_inactive: bool = False) -> list[Organisation]:
        return organisations.load_organisations(self.session, include_inactive)

    def organisation(self, org_id: int) -> Organisation:
        for o in self.organisations(include_inactive=True):
            if o.id == org_id:
                return o
        raise KeyError(org_id)

    def add_organisation(self, org: Organisation) -> Organisation:
        return organisations.add_organisation(self.session, org)

    def update_organisation(self, org: Organisation) -> Organisation:
        return organisations.update_organisation(self.session, org)

    def attach_evidence(self, org_id: int, path: Path) -> None:
        """Read the file once and keep it in the vault; the original stays where the DPO put it."""
        organisations.attach_evidence(self.session, org_id, Path(path).name, Path(path).read_bytes())

    def evidence(self, org_id: int) -> tuple[str, bytes] | None:
        return organisations.evidence(self.session, org_id)

    # ---- notices ---------------------------------------------------------------------------
    def generate_notice(self, audience: NoticeAudience) -> GeneratedNotice:
        return notices.generate_notice(self.session, audience)

    def latest_notice(self, audience: NoticeAudience) -> GeneratedNotice | None:
        return notices.latest_notice(self.session, audience)

    def notice_statuses(self) -> list[NoticeInfo]:
        return notices.notice_statuses(self.session)

    # ---- exports ---------------------------------------------------------------------------
    def export_record(self, path: Path) -> Path:
        return export.write_record(path, self.activities(), self.organisations())

    def governors_pdf(self) -> bytes:
        profile = self.session.profile()
        acts = self.activities()
        doc = RegisterDocument(
            school_name=profile.name,
            dpo=profile.dpo.name,
            prepared_on=self.session.clock.today(),
            activity_rows=[
                (
                    a.name,
                    ", ".join(s.label for s in a.subjects),
                    "; ".join((*a.data_categories, *a.special_categories)),
                    a.lawful_basis.label,
                    "; ".join(a.recipients),
                    a.retention.text,
                    a.owner_role,
                )
                for a in acts
            ],
            processor_rows=[
                (
                    o.name,
                    o.role.short,
                    o.agreement.label,
                    f"{o.review_date:%d/%m/%Y}" if o.review_date else "Not set",
                    "; ".join(o.gaps()) or "Nothing",
                )
                for o in self.organisations()
            ],
            notices=[(i.audience.title, i.state_text) for i in self.notice_statuses()],
        )
        return export.governors_pdf(doc)

    # ---- files the DPO chose ---------------------------------------------------------------
    def save_notice(self, audience: NoticeAudience, path: Path, kind: str) -> Path:
        """Write the latest generated notice ("pdf" or "html") to a file the DPO chose, atomically."""
        notice = self.latest_notice(audience)
        if notice is None:
            raise ValidationError("Generate the notice first.", "notice")
        data = notice.pdf if kind == "pdf" else notice.html.encode("utf-8")
        atomic_write_bytes(Path(path), data)
        return Path(path)

    def save_evidence(self, org_id: int, path: Path) -> Path:
        """Write a copy of the kept evidence file where the DPO chose (to open or send it)."""
        kept = self.evidence(org_id)
        if kept is None:
            raise ValidationError("No evidence file is kept for this organisation.", "evidence")
        atomic_write_bytes(Path(path), kept[1])
        return Path(path)
