"""RetentionService: the schedule, the disposal log and SchoolDP's own retention, one call each."""

from __future__ import annotations

from pathlib import Path

from schooldp.domain.errors import ValidationError
from schooldp.domain.records import ProcessingActivity
from schooldp.domain.retention import Disposal, OwnKind, OwnRule, PurgeCandidate
from schooldp.services.exports import write_table
from schooldp.services.records.activities import load_activities
from schooldp.services.retention import disposals, own
from schooldp.services.retention.disposals import ScheduleEntry
from schooldp.services.school import SchoolSession
from schooldp.storage.atomic import atomic_write_bytes

__all__ = ["RetentionService"]


class RetentionService:
    def __init__(self, session: SchoolSession) -> None:
        self.session = session

    # ---- schedule and disposals -----------------------------------------------------------------
    def schedule(self) -> list[ScheduleEntry]:
        return disposals.schedule(self.session)

    def activities(self) -> list[ProcessingActivity]:
        return load_activities(self.session)

    def disposals(self) -> list[Disposal]:
        return disposals.load_disposals(self.session)

    def log_disposal(self, disposal: Disposal) -> Disposal:
        return disposals.add_disposal(self.session, disposal)

    def attach_certificate(self, disposal_id: int, path: Path) -> None:
        """Read the file once and keep it in the vault; the original stays where the DPO put it."""
        disposals.attach_certificate(self.session, disposal_id, Path(path).name, Path(path).read_bytes())

    def save_certificate(self, disposal_id: int, path: Path) -> Path:
        kept = disposals.certificate(self.session, disposal_id)
        if kept is None:
            raise ValidationError("No certificate is kept for this disposal.", "certificate")
        atomic_write_bytes(Path(path), kept[1])
        return Path(path)

    def export(self, path: Path) -> Path:
        """The schedule and the disposal log as one table (XLSX or CSV), through the formula guard."""
        names = {a.key: a.name for a in self.activities()}
        rows: list[list[object]] = [
            [
                "Schedule",
                e.activity,
                e.rule_text,
                e.source,
                e.last_disposed_on or "",
                e.review_due or "",
                "",
                "",
                "",
            ]
            for e in self.schedule()
        ]
        rows += [
            [
                "Disposal",
                names.get(d.activity_key, ""),
                d.what,
                d.volume,
                d.disposed_on,
                "",
                d.method.label,
                d.contractor,
                d.certificate_name or ("Missing" if d.certificate_missing else ""),
            ]
            for d in self.disposals()
        ]
        headers = [
            "Entry",
            "Activity",
            "Rule or what",
            "Source or volume",
            "Last disposal or date",
            "Next review",
            "How",
            "Contractor",
            "Certificate",
        ]
        return write_table(Path(path), "Retention", headers, rows)

    # ---- SchoolDP's own records -----------------------------------------------------------------
    def own_rules(self) -> dict[OwnKind, OwnRule]:
        return own.load_rules(self.session)

    def set_own_rule(self, kind: OwnKind, months: int | None) -> OwnRule:
        return own.set_rule(self.session, kind, months)

    def due_for_deletion(self, kind: OwnKind) -> list[PurgeCandidate]:
        return own.candidates(self.session, kind)

    def purge(self, kind: OwnKind, record_ids: list[int]) -> int:
        return own.purge(self.session, kind, record_ids)
