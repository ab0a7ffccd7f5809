"""Create a school file: profile, DPO and headteacher, first account, where to save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from schooldp import config
from schooldp.domain.accounts import Role
from schooldp.domain.errors import SchoolDPError
from schooldp.flows import create_school as flow
from schooldp.services.school import NewSchool, SchoolSession, create_school
from schooldp.ui.operations import Op
from schooldp.ui.widgets.forms import add_field, error_label, line, show_error
from schooldp.ui.widgets.passphrase import PassphraseFields
from schooldp.ui.widgets.profile_form import PeopleFields, SchoolFields, empty_profile


class _Page(QWizardPage):
    page: flow.Page

    def __init__(self, wizard: CreateSchoolWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.error = error_label()

    def validatePage(self) -> bool:  # noqa: N802 - Qt name
        problem = flow.validate(self.page, self.wiz.data())
        show_error(self.error, problem)
        return problem is None


class SchoolPage(_Page):
    page = flow.Page.SCHOOL

    def __init__(self, wizard: CreateSchoolWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Your school")
        self.setSubTitle("These details appear on every letter SchoolDP prints.")
        layout = QVBoxLayout(self)
        self.fields = SchoolFields(self)
        self.error = self.fields.error
        layout.addWidget(self.fields)
        self.fields.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 - Qt name
        return bool(self.fields.name.text().strip())


class PeoplePage(_Page):
    page = flow.Page.PEOPLE

    def __init__(self, wizard: CreateSchoolWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Data Protection Officer and headteacher")
        self.setSubTitle("Letters give the DPO's contact details; the headteacher signs off decisions.")
        layout = QVBoxLayout(self)
        self.fields = PeopleFields(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        layout.addStretch()
        self.fields.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802
        return self.fields.complete()


class AccountPage(_Page):
    page = flow.Page.ACCOUNT

    def __init__(self, wizard: CreateSchoolWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Your account")
        self.setSubTitle(
            "You will type this passphrase each time you open SchoolDP. Others (the headteacher, "
            "for example) get their own accounts later, in Settings."
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.account_name = add_field(form, "Your &name:", line())
        self.role = QComboBox()
        self.role.addItem(Role.DPO.label, Role.DPO)
        self.role.addItem(Role.HEADTEACHER.label, Role.HEADTEACHER)
        add_field(form, "Your &role:", self.role)
        layout.addLayout(form)
        self.passphrase = PassphraseFields(self)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addStretch()
        self.passphrase.changed.connect(self.completeChanged)
        self.account_name.textChanged.connect(self.completeChanged)

    def initializePage(self) -> None:  # noqa: N802
        if not self.account_name.text():
            self.account_name.setText(self.wiz.people.fields.dpo_name.text().strip())

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.account_name.text().strip()) and self.passphrase.is_valid()


class SavePage(_Page):
    page = flow.Page.SAVE

    def __init__(self, wizard: CreateSchoolWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Where to save the school file")
        self.setSubTitle(
            "Everything is kept in this one encrypted file, with a small key file beside it. "
            "Keep them on this laptop (not a USB stick); SchoolDP backs them up for you."
        )
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setAccessibleName("School file location")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose where to save")
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addWidget(QLabel("School &file:", buddy=self.path))
        layout.addLayout(row)
        note = QLabel(
            "Next, SchoolDP shows your <b>recovery key</b>. Print it or save it on the emergency "
            "sheet: without a passphrase or the recovery key nobody can open the file, not even "
            "SchoolDP's makers."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addStretch()
        self.path.textChanged.connect(self.completeChanged)

    def initializePage(self) -> None:  # noqa: N802
        if not self.path.text():
            name = flow.default_file_name(self.wiz.school.fields.name.text())
            self.path.setText(str(config.data_dir() / name))

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path.text().strip())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the school file", self.path.text(), "SchoolDP school file (*.sdp)"
        )
        if path:
            if not path.lower().endswith(flow.SCHOOL_FILE_SUFFIX):
                path += flow.SCHOOL_FILE_SUFFIX
            self.path.setText(path)

    def validatePage(self) -> bool:  # noqa: N802
        if not super().validatePage():
            return False
        try:
            self.wiz.create()
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return False
        except OSError as exc:
            show_error(
                self.error,
                f"The school file could not be saved there: {exc.strerror}. Choose another folder.",
            )
            return False
        return True


class CreateSchoolWizard(QWizard):
    """accept() leaves ``result_session`` and ``recovery_key`` set; one service call makes them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Create a school file")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(640, 560)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Create school file")
        self.school = SchoolPage(self)
        self.people = PeoplePage(self)
        self.account = AccountPage(self)
        self.save = SavePage(self)
        for p in (self.school, self.people, self.account, self.save):
            self.addPage(p)
        self.result_session: SchoolSession | None = None
        self.recovery_key: str | None = None

    def data(self) -> dict[str, Any]:
        profile = self.people.fields.apply(self.school.fields.apply(empty_profile()))
        return {
            "profile": profile,
            "account_name": self.account.account_name.text(),
            "role": self.account.role.currentData(),
            "passphrase": self.account.passphrase.value(),
            "confirm": self.account.passphrase.confirm.text(),
            "path": self.save.path.text().strip(),
        }

    def create(self) -> None:
        d = self.data()
        new = NewSchool(Path(d["path"]), d["profile"], d["account_name"].strip(), d["role"], d["passphrase"])
        # Measuring this computer and sealing the first key slot take about half a second.
        op = Op(self, lambda job: create_school(new))
        op.with_progress("Creating the school file…", title="New school", cancellable=False)
        session, recovery = op.run_and_wait()
        self.account.passphrase.clear()
        self.result_session = session
        self.recovery_key = recovery
