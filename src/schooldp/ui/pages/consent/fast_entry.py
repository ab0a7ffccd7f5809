"""Fast entry of returned consent forms: a pupil's name, Enter; one key per purpose, Enter.

The office works through a stack of return slips without the mouse.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.consent import (
    ConsentEventKind,
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    who_may_consent,
)
from schooldp.domain.errors import SchoolDPError
from schooldp.domain.people import Pupil, search_key
from schooldp.services.consent import Answer, short_title
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import add_field, choice_combo, error_label, show_error

if TYPE_CHECKING:
    from schooldp.ui.pages.consent.page import ConsentPage

__all__ = ["ENTRY_HELP", "ENTRY_KEYS", "FastEntry"]

# Fast entry: one key per purpose, in the order printed on the return slip.
ENTRY_KEYS: dict[str, ConsentEventKind | None] = {
    "G": ConsentEventKind.GIVEN,
    "R": ConsentEventKind.REFUSED,
    "W": ConsentEventKind.WITHDRAWN,
    "A": ConsentEventKind.ASKED,
    "-": None,
    " ": None,
}
ENTRY_HELP = (
    "<b>Keys</b> — one per purpose, in the order printed on the return slip: "
    "<b>G</b> consent given · <b>R</b> refused · <b>W</b> withdrawn · <b>A</b> awaiting reply (form sent) · "
    "<b>-</b> or <b>Space</b> leave unchanged · <b>Backspace</b> go back · "
    "<b>Enter</b> save this form and start the next · <b>Esc</b> clear this form."
)


class FastEntry(QWidget):
    """Type a pupil's name or UPN, Enter; type the answers, Enter. Repeat for the whole stack."""

    def __init__(self, page: ConsentPage) -> None:
        super().__init__(page)
        self.page = page
        self.pupils: list[Pupil] = []
        self.pupil: Pupil | None = None
        self.slots: list[ConsentPurpose] = []
        self.saved_count = 0
        layout = QVBoxLayout(self)
        help_label = QLabel(ENTRY_HELP)
        help_label.setWordWrap(True)
        help_label.setAccessibleName("Keys for fast entry")
        layout.addWidget(help_label)
        form = QFormLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Pupil's name or UPN, then Enter (Down arrow to choose)")
        add_field(form, "&Pupil:", self.search)
        self.matches = QListWidget()
        self.matches.setAccessibleName("Matching pupils")
        self.matches.setMaximumHeight(110)
        form.addRow("", self.matches)
        self.chosen = QLabel("No pupil chosen yet.")
        self.chosen.setAccessibleName("Chosen pupil")
        form.addRow("", self.chosen)
        self.by = QComboBox()
        add_field(form, "Answered &by:", self.by)
        self.method = choice_combo(m for m in ConsentMethod if m is not ConsentMethod.SYSTEM)
        add_field(form, "&How:", self.method)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        add_field(form, "Date on the &form:", self.date)
        self.answers = QLineEdit()
        self.answers.setPlaceholderText("e.g. GGRG")
        self.answers.setEnabled(False)
        add_field(form, "&Answers:", self.answers, "Answers, one key per purpose")
        layout.addLayout(form)
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setAccessibleName("What will be recorded")
        layout.addWidget(self.preview)
        self.error = error_label()
        layout.addWidget(self.error)
        self.status = QLabel()
        self.status.setAccessibleName("Last saved")
        set_role(self.status, "subtitle")
        layout.addWidget(self.status)
        layout.addWidget(QLabel("Saved this session:"))
        self.recent = QListWidget()
        self.recent.setAccessibleName("Forms saved this session")
        layout.addWidget(self.recent, 1)

        self.search.textChanged.connect(self._find)
        self.search.returnPressed.connect(self.choose)
        self.matches.itemActivated.connect(lambda _i: self.choose())
        self.answers.textEdited.connect(self._answers_edited)
        self.answers.returnPressed.connect(self.save)
        self.search.installEventFilter(self)
        self.answers.installEventFilter(self)

    def reset_date(self, today: date) -> None:
        self.date.setDate(QDate(today.year, today.month, today.day))

    def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]  # noqa: N802
        if event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.clear_form()
                return True
            if obj is self.search and event.key() == Qt.Key.Key_Down and self.matches.count():
                self.matches.setFocus()
                self.matches.setCurrentRow(0)
                return True
        return super().eventFilter(obj, event)

    # ---- choosing the pupil --------------------------------------------------------------------
    def _find(self, text: str) -> None:
        self.matches.clear()
        words = search_key(text).split()
        if not words:
            return
        upn = text.strip().upper().replace(" ", "")
        found = [p for p in self.pupils if p.upn == upn] or [
            p for p in self.pupils if all(w in p.search_text for w in words)
        ]
        for p in found[:8]:
            self.matches.addItem(f"{p.display_name} — {p.reg_group or p.year_group.label}")
            self.matches.item(self.matches.count() - 1).setData(Qt.ItemDataRole.UserRole, p.id)
        self.matches.setCurrentRow(0)

    def choose(self) -> None:
        item = self.matches.currentItem()
        if item is None:
            show_error(self.error, "No pupil matches that name or UPN.")
            return
        pupil_id = item.data(Qt.ItemDataRole.UserRole)
        pupil = next(p for p in self.pupils if p.id == pupil_id)
        self.set_pupil(pupil)

    def set_pupil(self, pupil: Pupil) -> None:
        show_error(self.error, None)
        self.pupil = pupil
        today = self.page.today
        self.slots = [
            p
            for p in self.page.purposes
            if who_may_consent(p, pupil.date_of_birth, today).giver is not ConsentGiver.NOBODY
        ]
        self.chosen.setText(
            f"<b>{pupil.display_name}</b> — {pupil.reg_group or pupil.year_group.label}, UPN {pupil.upn}"
        )
        self.by.clear()
        assert pupil.id is not None and self.page.service is not None
        for link in self.page.service.people.contacts_for(pupil.id):
            if link.parental_responsibility:
                rel = f" ({link.relationship})" if link.relationship else ""
                self.by.addItem(f"{link.contact.display_name}{rel}", link.contact.id)
        self.by.addItem("The pupil", "pupil")
        self.answers.setEnabled(True)
        self.answers.setMaxLength(len(self.slots))
        self.answers.clear()
        self.answers.setFocus()
        self._show_preview()

    # ---- answers -----------------------------------------------------------------------------
    def _answers_edited(self, text: str) -> None:
        clean = "".join(ch for ch in text.upper() if ch in ENTRY_KEYS)
        if clean != text:
            pos = self.answers.cursorPosition()
            self.answers.setText(clean)
            self.answers.setCursorPosition(min(pos, len(clean)))
        self._show_preview()

    def planned(self) -> list[Answer]:
        out = []
        for ch, purpose in zip(self.answers.text().upper(), self.slots, strict=False):
            kind = ENTRY_KEYS.get(ch)
            if kind is not None:
                out.append(Answer(purpose.key, kind))
        return out

    def _show_preview(self) -> None:
        if self.pupil is None:
            self.preview.setText("")
            return
        typed = self.answers.text().upper()
        parts = []
        for i, purpose in enumerate(self.slots):
            kind = ENTRY_KEYS.get(typed[i]) if i < len(typed) else None
            mark = "▶ " if i == len(typed) else ""
            what = kind.label if kind else ("unchanged" if i < len(typed) else "…")
            parts.append(f"{mark}{i + 1}. {short_title(purpose)}: <b>{what}</b>")
        self.preview.setText(" &nbsp;·&nbsp; ".join(parts))

    def _groups(
        self, pupil: Pupil, answers: list[Answer], effective: date
    ) -> list[tuple[list[Answer], bool, int | None]]:
        """Purposes that have passed to the pupil take the pupil's answer; the rest the chosen person."""
        by = self.by.currentData()
        pupil_keys = {
            p.key
            for p in self.slots
            if who_may_consent(p, pupil.date_of_birth, effective).giver is ConsentGiver.PUPIL
        }
        return [
            (
                [a for a in answers if a.purpose_key not in pupil_keys],
                by == "pupil",
                None if by == "pupil" else by,
            ),
            ([a for a in answers if a.purpose_key in pupil_keys], True, None),
        ]

    def save(self) -> None:
        pupil, service = self.pupil, self.page.service
        if pupil is None or service is None:
            return
        answers = self.planned()
        if not answers:
            show_error(self.error, "Type at least one answer (G, R, W or A) before pressing Enter.")
            return
        qd = self.date.date()
        effective = date(qd.year(), qd.month(), qd.day())
        tasks = 0
        try:
            for group, by_pupil, contact_id in self._groups(pupil, answers, effective):
                if group:
                    result = service.record_form(
                        pupil.id,  # type: ignore[arg-type]
                        group,
                        contact_id=contact_id,
                        by_pupil=by_pupil,
                        method=self.method.currentData(),
                        effective=effective,
                        today=self.page.today,
                    )
                    tasks += len(result.tasks)
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return
        self.saved_count += 1
        summary = " ".join(ch if ch in "GRWA" else "-" for ch in self.answers.text().upper())
        note = f"; {tasks} follow-up tasks" if tasks else ""
        self.recent.insertItem(0, f"{pupil.display_name}: {summary}{note}")
        self.status.setText(f"✓ Saved {len(answers)} answers for {pupil.display_name}{note}. Next form.")
        self.clear_form()
        self.page.data_changed()

    def clear_form(self) -> None:
        show_error(self.error, None)
        self.pupil = None
        self.slots = []
        self.answers.clear()
        self.answers.setEnabled(False)
        self.by.clear()
        self.chosen.setText("No pupil chosen yet.")
        self.preview.setText("")
        self.search.clear()
        self.search.setFocus()
