"""Containment actions suggested for a breach (Policy App 1, "Actions to minimise the impact")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from schooldp.domain.breach.facts import BreachFacts
from schooldp.domain.breach.kinds import Cause, DataCategory, Recipients, Unintelligibility


@dataclass(frozen=True)
class ChecklistItem:
    """One containment action; `policy` is False for SchoolDP's own suggestions."""

    id: str
    text: str
    source: str
    policy: bool = True


_APP1_EMAIL = "Policy Appendix 1: sensitive information disclosed via email"
_SUGGESTION = "SchoolDP suggestion (not in the policy)"


def _app1_email(item_id: str, text: str) -> ChecklistItem:
    return ChecklistItem(item_id, text, _APP1_EMAIL)


def _suggested(item_id: str, text: str) -> ChecklistItem:
    """SchoolDP's own suggestion, shown apart from what the policy requires."""
    return ChecklistItem(item_id, text, _SUGGESTION, policy=False)


# Policy App 1, email section (written for special category data; sound for any email).
_EMAIL: tuple[ChecklistItem, ...] = (
    _app1_email(
        "email.sender_recall",
        "The sender tries to recall the email as soon as they know of the mistake.",
    ),
    _app1_email(
        "email.staff_recipients_alert",
        "Any member of staff who received it in error alerts the sender and the DPO.",
    ),
    _app1_email(
        "email.it_recall",
        "If the sender is unavailable or cannot recall it, the DPO asks the external IT "
        "support provider to recall it from external recipients and remove it from the "
        "school's email system, keeping a copy as evidence if needed.",
    ),
    _app1_email(
        "email.contact_recipients",
        "If the recall fails or cannot be confirmed, the DPO considers contacting the "
        "people who received it: explain it was sent in error and ask them to delete it "
        "and not share, publish, save or copy it.",
    ),
    _app1_email(
        "email.written_confirmation",
        "The DPO gets a written reply from everyone who received it, confirming they have done so.",
    ),
)
# SchoolDP suggestions for other kinds of breach; the policy names none.
_DEVICE: tuple[ChecklistItem, ...] = (
    _suggested(
        "device.remote_wipe",
        "Ask IT to lock or remote-wipe the device and sign it out of school accounts.",
    ),
    _suggested(
        "device.passwords",
        "Change the passwords of accounts that were used or saved on the device.",
    ),
    _suggested(
        "device.police",
        "If it was stolen, report it to the police and record the crime reference number.",
    ),
    _suggested(
        "device.encryption_check",
        "Ask IT to confirm whether the device was encrypted and the key or password was not with it.",
    ),
)
_POST: tuple[ChecklistItem, ...] = (
    _suggested(
        "post.retrieve",
        "Contact the families who received the wrong letters; collect them or ask for "
        "them to be returned or destroyed without copies being kept.",
    ),
    _suggested(
        "post.confirm",
        "Get written confirmation from each family that the letter was returned or destroyed.",
    ),
    _suggested(
        "post.resend",
        "Send the correct letters to the right families.",
    ),
)
_PAPER: tuple[ChecklistItem, ...] = (
    _suggested(
        "paper.search",
        "Search where the records were last seen and ask anyone who may have found them to return them.",
    ),
)
_PUBLICATION: tuple[ChecklistItem, ...] = (
    _suggested(
        "publication.take_down",
        "Take the page, post or file down now and ask for cached copies to be removed.",
    ),
)
_ACCESS: tuple[ChecklistItem, ...] = (
    _suggested(
        "access.reset",
        "Ask IT to reset the passwords involved, end open sessions and check the logs for "
        "data being viewed or copied out.",
    ),
)
_AI: tuple[ChecklistItem, ...] = (
    _suggested(
        "ai.delete",
        "Delete the conversation or upload in the AI tool and ask its provider to delete the data.",
    ),
)
_SAFEGUARDING: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "safeguarding.dsl",
        "The DPO tells the designated safeguarding lead and discusses whether to inform "
        "any or all of the 3 local safeguarding partners.",
        "Policy Appendix 1: if safeguarding information is compromised",
    ),
)

_INTERNET_SEARCH_TEXT = (
    "The DPO and IT support search the internet to check the information has not "
    "been made public; if it has, ask the publisher or website owner to remove and "
    "delete it."
)


def _is_email(facts: BreachFacts) -> bool:
    return facts.cause is not None and facts.cause.is_email


def _access_at_risk(facts: BreachFacts) -> bool:
    return facts.cause in (Cause.CYBER_ATTACK_PHISHING, Cause.UNAUTHORISED_ACCESS) or (
        DataCategory.LOGIN_CREDENTIALS in facts.data_categories
    )


def _may_be_public(facts: BreachFacts) -> bool:
    """Readable data that may have reached the internet (Policy App 1, applied beyond email)."""
    readable = facts.confidentiality_lost and facts.unintelligible is Unintelligibility.NO
    return readable and (
        any(c.is_sensitive for c in facts.data_categories)
        or facts.recipients in (Recipients.PUBLIC, Recipients.UNKNOWN)
        or facts.cause in (Cause.PUBLICATION_IN_ERROR, Cause.CYBER_ATTACK_PHISHING)
    )


def _internet_search(facts: BreachFacts) -> tuple[ChecklistItem, ...]:
    # Policy App 1, email section: search the internet; applied to any readable, exposed data.
    if _is_email(facts):
        return (ChecklistItem("internet_search", _INTERNET_SEARCH_TEXT, _APP1_EMAIL),)
    if _may_be_public(facts):
        return (
            ChecklistItem(
                "internet_search", _INTERNET_SEARCH_TEXT, _APP1_EMAIL + " (applied to this breach)"
            ),
        )
    return ()


_Rule = Callable[[BreachFacts], tuple[ChecklistItem, ...]]


def _when(test: Callable[[BreachFacts], bool], items: tuple[ChecklistItem, ...]) -> _Rule:
    return lambda facts: items if test(facts) else ()


def _cause_is(cause: Cause) -> Callable[[BreachFacts], bool]:
    return lambda facts: facts.cause is cause


# The checklist in order: each rule gives its actions when it applies to the breach.
_RULES: tuple[_Rule, ...] = (
    _when(_is_email, _EMAIL),
    _when(_cause_is(Cause.DEVICE_LOST_OR_STOLEN), _DEVICE),
    _when(_cause_is(Cause.POST_WRONG_ADDRESS), _POST),
    _when(_cause_is(Cause.PAPER_RECORDS_LOST), _PAPER),
    _when(_cause_is(Cause.PUBLICATION_IN_ERROR), _PUBLICATION),
    _when(_access_at_risk, _ACCESS),
    _when(_cause_is(Cause.GENERATIVE_AI_TOOL), _AI),
    _internet_search,
    # Policy App 1: if safeguarding information is compromised, tell the DSL.
    _when(lambda facts: DataCategory.SAFEGUARDING in facts.data_categories, _SAFEGUARDING),
)


def containment_checklist(facts: BreachFacts) -> tuple[ChecklistItem, ...]:
    """Ordered containment actions for this breach (Policy App 1, "Actions to minimise ...").

    Policy items come first in the policy's order for the kind of breach, SchoolDP suggestions
    for devices, post and the like are marked `policy=False`.
    """
    return tuple(item for rule in _RULES for item in rule(facts))
