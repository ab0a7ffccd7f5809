"""What the school says in the withdrawal letter about each follow-up task.

A task's `title` is an instruction for the DPO's list ("Take the photo down ..."); a family reads
what the school is doing about it instead (policy section 12: "we will delete the photograph or
video and not distribute it further").
"""

from __future__ import annotations

# task key -> the sentence for the letter (what the school is doing)
LETTER_WORDS: dict[str, str] = {
    "tell_office": "We are telling the school office and your child's class teacher.",
    "stop_use": "We have stopped using your child's information for this purpose.",
    "delete_media": "We are deleting the photos and videos and will not share them again.",
    "remove_displays": "We are taking the photos down from displays and notice boards.",
    "tell_photographer": "We are telling the school photographer, and any newspaper or campaign, not to use them.",
    "remove_website": "We are taking the photos and videos off the school website.",
    "remove_social_media": "We are taking the photos and videos off the school's social media.",
    "stop_biometric": "We have stopped using your child's fingerprint or face data and will give another way to pay.",
    "delete_biometric": "We are asking the company that runs the payment system to delete the fingerprint or face data.",
    "tell_youth_support": (
        "We are telling the youth support service to keep only your child's name, address and date of birth."
    ),
    "record_in_mis": "We are recording your choice on the school's system so that it is kept to in future.",
}


def letter_sentence(task_key: str, title: str) -> str:
    """The letter's sentence for a task; a school's own task keeps its own words."""
    return LETTER_WORDS.get(task_key, title)
