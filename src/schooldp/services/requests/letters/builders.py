"""The table from a request letter type's key to its builder (each in its own module)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import ModuleType

from schooldp.services.requests.letters.plan import LetterBuilder

# To add a request letter: its wording and LetterType in schooldp.documents, a module here
# with KEY and build(), its name below, and (if it should be offered) a line in offer.py.
_NAMES = (
    "acknowledgement",
    "id_authority",
    "clarification",
    "extension",
    "pupil_consent",
    "response",
    "refusal",
    "complaint_ack",
    "complaint_outcome",
    "record_access",
    "rights_outcome",
)
LETTER_MODULES: tuple[ModuleType, ...] = tuple(
    importlib.import_module(f"schooldp.services.requests.letters.{name}") for name in _NAMES
)

LETTER_BUILDERS: Mapping[str, LetterBuilder] = {m.KEY: m.build for m in LETTER_MODULES}
