"""Working a request: identity seen, places searched, and unfounded or excessive requests.

Sources: policy section 9.3; UK GDPR Art 12(4)-(5); Data (Use and Access) Act 2025 (reasonable
and proportionate searches).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum
from schooldp.domain.requests.status import RequestStatus


class IdDocumentType(LabelledEnum):
    PASSPORT = ("passport", "Passport")
    DRIVING_LICENCE = ("driving_licence", "Driving licence")
    BIRTH_CERTIFICATE = ("birth_certificate", "Birth certificate")
    UTILITY_BILL = ("utility_bill", "Utility bill")
    BANK_STATEMENT = ("bank_statement", "Bank statement")
    COUNCIL_TAX_BILL = ("council_tax_bill", "Council tax bill")
    KNOWN_TO_STAFF = ("known_to_staff", "Known to staff (recognised in person)")
    OTHER = ("other", "Other")


# Policy section 9.3: "May ask the individual to provide 2 forms of identification".
MAX_ID_DOCUMENTS = 2


@dataclass(frozen=True)
class IdDocument:
    """That an ID document was seen, and when: never a copy or its number (data minimisation)."""

    document_type: IdDocumentType
    date_seen: date
    seen_by: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        if self.document_type is IdDocumentType.OTHER and not self.description.strip():
            raise ValidationError("Say what the other ID document was.", "description")


def validate_id_documents(documents: Sequence[IdDocument]) -> None:
    """Raise ValidationError if more ID was recorded than the policy allows asking for."""
    if len(documents) > MAX_ID_DOCUMENTS:
        raise ValidationError(
            f"Record at most {MAX_ID_DOCUMENTS} forms of ID: the policy only allows asking for "
            "two (policy section 9.3).",
            "id_documents",
        )


def add_id_document(documents: Sequence[IdDocument], document: IdDocument) -> tuple[IdDocument, ...]:
    """The ID list with one more document, refused past two."""
    updated = (*documents, document)
    validate_id_documents(updated)
    return updated


class SearchLocation(LabelledEnum):
    MIS = ("mis", "Management information system (MIS)")
    EMAIL = ("email", "Email")
    SAFEGUARDING = ("safeguarding", "Safeguarding system")
    PAPER_FILES = ("paper_files", "Paper files")
    CCTV = ("cctv", "CCTV")
    CLOUD_DRIVES = ("cloud_drives", "Cloud drives")
    OTHER = ("other", "Other")


@dataclass(frozen=True)
class SearchRecord:
    """One place searched: the log shows the search was reasonable and proportionate.

    Data (Use and Access) Act 2025: a controller need only make reasonable and proportionate
    searches; recording them is how that is shown.
    """

    location: SearchLocation
    searched_by: str
    searched_on: date
    items_found: int = 0
    description: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if not self.searched_by.strip():
            raise ValidationError("Say who searched.", "searched_by")
        if self.location is SearchLocation.OTHER and not self.description.strip():
            raise ValidationError("Say where else was searched.", "description")
        if self.items_found < 0:
            raise ValidationError("The number of items found cannot be negative.", "items_found")


class UnfoundedGround(LabelledEnum):
    MANIFESTLY_UNFOUNDED = ("manifestly_unfounded", "Manifestly unfounded")
    MANIFESTLY_EXCESSIVE = ("manifestly_excessive", "Manifestly excessive")


class UnfoundedAction(LabelledEnum):
    REFUSE = ("refuse", "Refuse to act on the request")
    CHARGE_FEE = ("charge_fee", "Charge a reasonable fee")


@dataclass(frozen=True)
class UnfoundedOrExcessive:
    """The decision on an unfounded or excessive request (UK GDPR Art 12(5); policy 9.3).

    Reasons are required because the refusal letter must give them (Art 12(4)); a fee must be
    a reasonable administrative cost, so an amount is required when charging.
    """

    ground: UnfoundedGround
    action: UnfoundedAction
    reasons: str
    repetitive: bool = False  # policy 9.3: "whether the request is repetitive in nature"
    fee_pence: int | None = None

    def __post_init__(self) -> None:
        if not self.reasons.strip():
            raise ValidationError(
                "Give the reasons: the person must be told why (policy section 9.3).", "reasons"
            )
        if self.action is UnfoundedAction.CHARGE_FEE:
            if self.fee_pence is None or self.fee_pence <= 0:
                raise ValidationError(
                    "Enter the fee: a reasonable amount to cover administrative costs.",
                    "fee_pence",
                )
        elif self.fee_pence is not None:
            raise ValidationError("A refusal does not charge a fee.", "fee_pence")

    @property
    def resulting_status(self) -> RequestStatus:
        if self.action is UnfoundedAction.REFUSE:
            return RequestStatus.REFUSED
        return RequestStatus.AWAITING_FEE


# Policy section 9.3 and UK GDPR Art 12(4): what every refusal letter must say.
REFUSAL_LETTER_MUST_SAY: tuple[str, ...] = (
    "The reasons for refusing",
    "The right to complain to the Information Commissioner's Office (ICO)",
    "The right to seek to enforce the right through the courts",
)
