"""Consents: purposes, who may give them, and the state derived from an append-only history.

Sources: policy sections 7.1 and 12 (photos and videos), the pupil privacy notices (youth
support services, Education Act 1996 s.507B), Protection of Freedoms Act 2012 ss.26-27
(biometrics), UK GDPR Art 7 (withdrawal as easy as giving). The history is never changed: the
state is always worked out from it, so "who said what, when" can be shown to the ICO.

Modules: `purposes` (what is asked, the defaults, follow-up tasks), `givers` (who may consent
at what age), `history` (the entries), `states` (the states and whether the school may go
ahead), `derivation` (state from history), `renewal` (1 September lapses), `counts`
(coverage), `forms` (the return-by date), `school_year`.
"""

from __future__ import annotations

from schooldp.domain.consent.counts import Coverage, coverage
from schooldp.domain.consent.derivation import derive_state
from schooldp.domain.consent.forms import FORM_RETURN_DAYS, form_return_by
from schooldp.domain.consent.givers import ConsentGiver, WhoMayConsent, who_may_consent
from schooldp.domain.consent.history import (
    ConsentEvent,
    ConsentEventKind,
    ConsentMethod,
    event_order,
)
from schooldp.domain.consent.purposes import (
    BIOMETRICS,
    DEFAULT_PURPOSES,
    GENERIC_WITHDRAWAL_TASKS,
    PHOTOS_IN_SCHOOL,
    PHOTOS_ONLINE,
    PHOTOS_OUTSIDE_SCHOOL,
    YOUTH_SUPPORT,
    ConsentDuration,
    ConsentPurpose,
    TaskTemplate,
    custom_purpose,
    default_purposes,
    withdrawal_tasks,
)
from schooldp.domain.consent.renewal import Lapse, renew_at_year_start
from schooldp.domain.consent.school_year import SCHOOL_YEAR_START, school_year_start
from schooldp.domain.consent.states import ConsentState, ConsentStatus, may_proceed

__all__ = [
    "SCHOOL_YEAR_START",
    "ConsentDuration",
    "ConsentEvent",
    "ConsentEventKind",
    "ConsentGiver",
    "ConsentMethod",
    "ConsentPurpose",
    "ConsentState",
    "ConsentStatus",
    "Coverage",
    "BIOMETRICS",
    "DEFAULT_PURPOSES",
    "FORM_RETURN_DAYS",
    "GENERIC_WITHDRAWAL_TASKS",
    "Lapse",
    "PHOTOS_IN_SCHOOL",
    "PHOTOS_ONLINE",
    "PHOTOS_OUTSIDE_SCHOOL",
    "TaskTemplate",
    "WhoMayConsent",
    "coverage",
    "custom_purpose",
    "default_purposes",
    "derive_state",
    "event_order",
    "form_return_by",
    "may_proceed",
    "renew_at_year_start",
    "school_year_start",
    "who_may_consent",
    "withdrawal_tasks",
    "YOUTH_SUPPORT",
]
