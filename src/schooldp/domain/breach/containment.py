"""Containment actions suggested for a breach (Policy App 1, "Actions to minimise the impact")."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from schooldp.domain.breach.facts import BreachFacts
from schooldp.domain.breach.kinds import Cause, DataCategory, Recipients, Unintelligibility
from schooldp.domain.breach.triage import ContainmentAction


@dataclass(frozen=True)
class ChecklistItem:
    """One containment action; `policy` is False for SchoolDP's own suggestions.

    `text` is the instruction on the DPO's checklist; `done` is the past-tense sentence used
    in letters and the ICO pack once the action is recorded as done (never the instruction).
    """

    id: str
    text: str
    source: str
    policy: bool = True
    done: str = ""


_APP1_EMAIL = "Policy Appendix 1: sensitive information disclosed via email"
_SUGGESTION = "SchoolDP suggestion (not in the policy)"


def _app1_email(item_id: str, text: str, done: str) -> ChecklistItem:
    return ChecklistItem(item_id, text, _APP1_EMAIL, done=done)


def _suggested(item_id: str, text: str, done: str) -> ChecklistItem:
    """SchoolDP's own suggestion, shown apart from what the policy requires."""
    return ChecklistItem(item_id, text, _SUGGESTION, policy=False, done=done)


# Policy App 1, email section (written for special category data; sound for any email).
_EMAIL: tuple[ChecklistItem, ...] = (
    _app1_email(
        "email.sender_recall",
        "The sender tries to recall the email as soon as they know of the mistake.",
        "The person who sent the email tried to recall it.",
    ),
    _app1_email(
        "email.staff_recipients_alert",
        "Any member of staff who received it in error alerts the sender and the DPO.",
        "Staff who got it by mistake told the sender and our data protection officer.",
    ),
    _app1_email(
        "email.it_recall",
        "If the sender is unavailable or cannot recall it, the DPO asks the external IT "
        "support provider to recall it from external recipients and remove it from the "
        "school's email system, keeping a copy as evidence if needed.",
        "Our IT support removed the email from the school's email system and recalled it where they could.",
    ),
    _app1_email(
        "email.contact_recipients",
        "If the recall fails or cannot be confirmed, the DPO considers contacting the "
        "people who received it: explain it was sent in error and ask them to delete it "
        "and not share, publish, save or copy it.",
        "We asked the people who got it to delete it and not to share or keep it.",
    ),
    _app1_email(
        "email.written_confirmation",
        "The DPO gets a written reply from everyone who received it, confirming they have done so.",
        "The people who got it have told us in writing that they deleted it.",
    ),
)
# SchoolDP suggestions for other kinds of breach; the policy names none.
_DEVICE: tuple[ChecklistItem, ...] = (
    _suggested(
        "device.remote_wipe",
        "Ask IT to lock or remote-wipe the device and sign it out of school accounts.",
        "We locked the device and signed it out of school accounts.",
    ),
    _suggested(
        "device.passwords",
        "Change the passwords of accounts that were used or saved on the device.",
        "We changed the passwords used on the device.",
    ),
    _suggested(
        "device.police",
        "If it was stolen, report it to the police and record the crime reference number.",
        "We reported the theft to the police.",
    ),
    _suggested(
        "device.encryption_check",
        "Ask IT to confirm whether the device was encrypted and the key or password was not with it.",
        "Our IT support checked how the device was protected.",
    ),
)
_POST: tuple[ChecklistItem, ...] = (
    _suggested(
        "post.retrieve",
        "Contact the families who received the wrong letters; collect them or ask for "
        "them to be returned or destroyed without copies being kept.",
        "We asked the families who got the wrong letters to return or destroy them.",
    ),
    _suggested(
        "post.confirm",
        "Get written confirmation from each family that the letter was returned or destroyed.",
        "Each family has told us in writing that the letter was returned or destroyed.",
    ),
    _suggested(
        "post.resend",
        "Send the correct letters to the right families.",
        "We sent the right letters to the right families.",
    ),
)
_PAPER: tuple[ChecklistItem, ...] = (
    _suggested(
        "paper.search",
        "Search where the records were last seen and ask anyone who may have found them to return them.",
        "We searched for the papers and asked anyone who found them to hand them back.",
    ),
)
_PUBLICATION: tuple[ChecklistItem, ...] = (
    _suggested(
        "publication.take_down",
        "Take the page, post or file down now and ask for cached copies to be removed.",
        "We took the page, post or file down and asked for saved copies to be removed.",
    ),
)
_ACCESS: tuple[ChecklistItem, ...] = (
    _suggested(
        "access.reset",
        "Ask IT to reset the passwords involved, end open sessions and check the logs for "
        "data being viewed or copied out.",
        "We reset the passwords and checked the logs for anyone viewing or copying data.",
    ),
)
_AI: tuple[ChecklistItem, ...] = (
    _suggested(
        "ai.delete",
        "Delete the conversation or upload in the AI tool and ask its provider to delete the data.",
        "We deleted the data from the AI tool and asked the company that runs it to delete it too.",
    ),
)
_SAFEGUARDING: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "safeguarding.dsl",
        "The DPO tells the designated safeguarding lead and discusses whether to inform "
        "any or all of the 3 local safeguarding partners.",
        "Policy Appendix 1: if safeguarding information is compromised",
        done="Our data protection officer told the member of staff who leads on keeping children safe.",
    ),
)

_INTERNET_SEARCH_DONE = "We searched the internet to check the information had not been made public."
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
        return (
            ChecklistItem("internet_search", _INTERNET_SEARCH_TEXT, _APP1_EMAIL, done=_INTERNET_SEARCH_DONE),
        )
    if _may_be_public(facts):
        return (
            ChecklistItem(
                "internet_search",
                _INTERNET_SEARCH_TEXT,
                _APP1_EMAIL + " (applied to this breach)",
                done=_INTERNET_SEARCH_DONE,
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


_ALL: tuple[ChecklistItem, ...] = (
    _EMAIL + _DEVICE + _POST + _PAPER + _PUBLICATION + _ACCESS + _AI + _SAFEGUARDING
) + (ChecklistItem("internet_search", _INTERNET_SEARCH_TEXT, _APP1_EMAIL, done=_INTERNET_SEARCH_DONE),)
DONE_SENTENCES: dict[str, str] = {item.id: item.done for item in _ALL}
INSTRUCTIONS: tuple[str, ...] = tuple(item.text for item in _ALL)


def done_sentences(actions: Iterable[ContainmentAction], *, own_words: bool = True) -> list[str]:
    """What the school has done, in the past tense: only actions recorded as done.

    Checklist actions use their past-tense sentence, never the checklist's instruction; the
    DPO's own actions use the DPO's own words (left out with `own_words=False`).
    """
    out: list[str] = []
    for a in actions:
        if a.done_on is None or (a.checklist_id is None and not own_words):
            continue
        sentence = DONE_SENTENCES.get(a.checklist_id or "", "") or (
            "" if a.checklist_id else a.text.strip().rstrip(".") + "."
        )
        if sentence and sentence not in out:
            out.append(sentence)
    return out


def own_actions_done(actions: Iterable[ContainmentAction]) -> list[str]:
    """The DPO's own actions recorded as done, in the DPO's words (for "we also ...")."""
    return [
        a.text.strip().rstrip(".")
        for a in actions
        if a.done_on is not None and a.checklist_id is None and a.text.strip()
    ]
