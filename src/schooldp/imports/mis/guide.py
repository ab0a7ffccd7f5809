"""What to run in each MIS to get a file SchoolDP reads, and the columns it needs.

Only the columns the register needs are asked for (UK GDPR Art 5(1)(c), data minimisation;
policy section 7.2). Menu names are the usual ones; a school's own set-up may name them
differently, which is why the columns, not the menu path, are what matters.
"""

from __future__ import annotations

from dataclasses import dataclass

PUPIL_COLUMNS = (
    "UPN",
    "Legal first name and surname",
    "Preferred first name and surname (if used)",
    "Date of birth",
    "Year group",
    "Registration group (class or tutor group)",
    "Admission date",
    "Leaving date (leavers only)",
)
CONTACT_COLUMNS = (
    "Title, first name and surname",
    "Relationship to the pupil",
    "Parental responsibility (yes/no)",
    "Lives with the pupil (yes/no)",
    "Priority (1 = first to contact)",
    "Address and postcode",
    "Email",
    "Mobile or main phone",
)


@dataclass(frozen=True)
class MisGuide:
    """One MIS: the report to run, its steps, the file it makes and a sample of that file."""

    name: str
    report: str
    steps: tuple[str, ...]
    layout: str
    sample: str
    """The bundled sample file under resources/, with the headings this MIS gives."""


GUIDES: tuple[MisGuide, ...] = (
    MisGuide(
        "SIMS",
        "A student report with contacts (Reports > Design Report, focus Student)",
        (
            "In SIMS, open Reports > Design Report and start a new report with the focus on Student.",
            "Choose current students only, then add the pupil columns and, from Contacts, the contact columns below.",
            "Run it and export as CSV or Excel. SIMS puts each contact in its own group of columns (Contact 1, Contact 2...).",
        ),
        "One row per pupil, contacts side by side",
        "mis/sims-sample.csv",
    ),
    MisGuide(
        "Arbor",
        "A custom report of students and their guardians (Reporting > Custom Report Writer)",
        (
            "In Arbor, open Reporting > Custom Report Writer and make a report on Students.",
            "Add the pupil columns, then the guardian columns below from Guardians (Student's guardians).",
            "Filter to students enrolled today, run it and export as Excel (.xlsx) or CSV.",
        ),
        "One row per guardian: a pupil with two guardians has two rows",
        "mis/arbor-sample.csv",
    ),
    MisGuide(
        "Bromcom",
        "A student list with contacts (Reports > Report Designer, or Student List export)",
        (
            "In Bromcom, open Reports and make a student report (Report Designer), or export the Student List.",
            "Add the pupil columns and the contact columns below (Contact 1, Contact 2...).",
            "Choose current students, run it and export as CSV or Excel.",
        ),
        "One row per pupil, contacts side by side",
        "mis/bromcom-sample.csv",
    ),
)
