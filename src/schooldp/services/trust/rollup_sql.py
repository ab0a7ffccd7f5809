"""The roll-up's queries: one statement per question, a UNION ALL over the schools' schemas.

Each school is a schema holding the tables of a school file, so the same SELECT runs in each
schema and the results are stacked with the school's code in front. Schema names come from the
trust's catalogue (``school_<code>``, checked when the school was added) and are quoted by the
dialect; every value is a bound parameter. The server's grants and row-level security decide
what the signed-in person may read: a school they may not read must not be asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Row, bindparam, text

__all__ = [
    "BREACHES",
    "CONSENT",
    "ITEMS",
    "PROFILES",
    "REQUESTS",
    "YEAR_BREACHES",
    "YEAR_REQUESTS",
    "union_rows",
]

# The school's name and nation, its calendar (for school days), its active purposes and the
# pupils on roll today (domain.people.on_roll: no leaving date, or one still to come).
PROFILES = """
SELECT CAST(:code_{i} AS text) AS code, p.name, p.nation,
  (SELECT m.value FROM {s}.meta m WHERE m.key = :calendar_key) AS calendar,
  (SELECT count(*) FROM {s}.pupils pu
     WHERE pu.leaving_date IS NULL OR pu.leaving_date > :today) AS on_roll,
  (SELECT json_agg(json_build_array(c.key, c.title, c.duration,
       (SELECT count(*) FROM {s}.pupils pu
          WHERE (pu.leaving_date IS NULL OR pu.leaving_date > :today) AND {applies}))
     ORDER BY c.position, c.key)
     FROM {s}.consent_purposes c WHERE c.active) AS purposes
FROM (SELECT 1) AS one LEFT JOIN {s}.school_profile p ON p.id = 1
"""

# Open requests with their clock events in the order written and the latest complaint
# acknowledgement: what services.requests.deadline.request_deadline needs.
REQUESTS = """
SELECT CAST(:code_{i} AS text) AS code, r.id, r.reference, r.request_type, r.received_on,
  r.status, r.extended,
  (SELECT json_agg(json_build_array(k.kind, k.asked_on, k.received_on) ORDER BY k.id)
     FROM {s}.request_clock_events k WHERE k.request_id = r.id) AS events,
  (SELECT d.decided_on FROM {s}.request_decisions d
     WHERE d.request_id = r.id AND d.kind = 'complaint_ack' ORDER BY d.id DESC LIMIT 1) AS ack
FROM {s}.requests r WHERE r.status IN :open_statuses
"""

# Open breaches and only the facts the DPO entered: the conclusion, the latest decision on
# reporting (none until one is recorded), the first report to the ICO, its reference.
BREACHES = """
SELECT CAST(:code_{i} AS text) AS code, b.id, b.reference, b.aware_at, b.conclusion,
  (SELECT d.report_to_ico FROM {s}.breach_decisions d
     WHERE d.breach_id = b.id ORDER BY d.id DESC LIMIT 1) AS decided_report,
  (SELECT i.submitted_at FROM {s}.breach_ico_reports i
     WHERE i.breach_id = b.id AND i.kind = 'initial' ORDER BY i.submitted_at, i.id LIMIT 1)
     AS reported_at,
  (EXISTS (SELECT 1 FROM {s}.breach_ico_reports i
     WHERE i.breach_id = b.id AND i.reference_pending AND i.ico_reference = '')
   AND NOT EXISTS (SELECT 1 FROM {s}.breach_ico_reports i
     WHERE i.breach_id = b.id AND i.ico_reference <> '')) AS reference_missing
FROM {s}.breaches b WHERE b.status <> 'closed'
"""

# The latest answer per pupil on roll and purpose ("latest wins": latest to take effect, then
# latest recorded, then the vault's id; domain.consent.history.event_order), counted by the
# facts the duration rules need: the answer, the school year it was for (only where the
# purpose's duration depends on it), and for purposes that last a key stage the year group
# then and now.
CONSENT = """
SELECT CAST(:code_{i} AS text) AS code, l.purpose_key, l.kind,
  CASE WHEN c.duration <> :until_withdrawn AND l.kind = :given THEN l.answer_year END AS answer_year,
  CASE WHEN c.duration = :key_stage_duration AND l.kind = :given THEN l.year_group END AS then_year,
  CASE WHEN c.duration = :key_stage_duration AND l.kind = :given THEN l.now_year END AS now_year,
  c.passes_to_pupil_at IS NOT NULL AND NOT l.by_pupil
    AND l.date_of_birth <= CAST(:today AS date) - make_interval(years => c.passes_to_pupil_at)
    AS handed_over,
  count(*) AS pupils
FROM (
  SELECT DISTINCT ON (e.pupil_id, e.purpose_key) e.purpose_key, e.kind, e.year_group, e.by_pupil,
    p.year_group AS now_year, p.date_of_birth, COALESCE(e.school_year, e.effective_date) AS answer_year
  FROM {s}.consent_events e
  JOIN {s}.pupils p ON p.id = e.pupil_id AND (p.leaving_date IS NULL OR p.leaving_date > :today)
  WHERE e.kind IN :answer_kinds AND e.effective_date <= :today
  ORDER BY e.pupil_id, e.purpose_key, e.effective_date DESC, e.recorded_at DESC, e.id DESC
) AS l
JOIN {s}.consent_purposes c ON c.key = l.purpose_key AND c.active
WHERE {applies_l}
GROUP BY 1, 2, 3, 4, 5, 6, 7
"""

# The purpose applies from a birthday (youth support at 13): domain.people.reaches_age_on, where
# a 29 February birthday falls on 1 March in a common year, as PostgreSQL's date arithmetic does.
_APPLIES = (
    "(c.applies_from_age IS NULL OR {p}.date_of_birth"
    " <= CAST(:today AS date) - make_interval(years => c.applies_from_age))"
)
PROFILES = PROFILES.replace("{applies}", _APPLIES.format(p="pu"))
CONSENT = CONSENT.replace("{applies_l}", _APPLIES.format(p="l"))

# Accountability items kept as plain rows: policy reviews and withdrawal follow-ups.
ITEMS = """
SELECT CAST(:code_{i} AS text) AS code, 'policies' AS area, d.id, d.title,
  d.approved_on, d.review_months, d.next_review, CAST(NULL AS date) AS due_on
FROM {s}.policies_documents d
UNION ALL
SELECT CAST(:code_{i} AS text), 'consent', t.id, t.title, NULL, NULL, NULL, t.due_on
FROM {s}.consent_tasks t WHERE t.done_on IS NULL
"""

# The year, for the annual report: requests received or finished in the period (with what the
# deadline engine needs), and breaches the school became aware of in it with their first report.
YEAR_REQUESTS = """
SELECT CAST(:code_{i} AS text) AS code, r.id, r.reference, r.request_type, r.received_on,
  r.status, r.extended, r.ended_on, r.closed_on,
  (SELECT json_agg(json_build_array(k.kind, k.asked_on, k.received_on) ORDER BY k.id)
     FROM {s}.request_clock_events k WHERE k.request_id = r.id) AS events,
  (SELECT d.decided_on FROM {s}.request_decisions d
     WHERE d.request_id = r.id AND d.kind = 'complaint_ack' ORDER BY d.id DESC LIMIT 1) AS ack
FROM {s}.requests r
WHERE r.received_on BETWEEN :start AND :end
   OR COALESCE(r.ended_on, r.closed_on) BETWEEN :start AND :end
"""

YEAR_BREACHES = """
SELECT CAST(:code_{i} AS text) AS code, b.id, b.aware_at,
  (SELECT i.submitted_at FROM {s}.breach_ico_reports i
     WHERE i.breach_id = b.id AND i.kind = 'initial' ORDER BY i.submitted_at, i.id LIMIT 1)
     AS reported_at
FROM {s}.breaches b WHERE b.aware_at >= :start_at AND b.aware_at < :end_at
"""

_EXPANDING = ("open_statuses", "answer_kinds")


def union_rows(
    conn: Connection,
    template: str,
    schools: Sequence[tuple[str, str]],
    params: Mapping[str, Any],
) -> list[Row[Any]]:
    """Run ``template`` in every (code, schema) and return all rows in one round trip."""
    if not schools:
        return []
    quote = conn.dialect.identifier_preparer.quote_schema
    parts = [f"({template.format(i=i, s=quote(schema))})" for i, (_, schema) in enumerate(schools)]
    statement = text("\nUNION ALL\n".join(parts))
    binds = {f"code_{i}": code for i, (code, _) in enumerate(schools)}
    used = [name for name in _EXPANDING if f":{name}" in template]
    if used:
        statement = statement.bindparams(*(bindparam(name, expanding=True) for name in used))
    wanted = {k: v for k, v in params.items() if f":{k}" in template}
    return list(conn.execute(statement, {**wanted, **binds}))
