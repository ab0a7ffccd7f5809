"""Consent page: the register matrix, fast entry of returned forms, tasks, coverage, purposes.

`page` holds the page and its tabs, `fast_entry` the keyboard entry of returned forms,
`printing` what the page prints, saves or exports.
"""

from __future__ import annotations

from schooldp.ui.models.consent_matrix import cell_text
from schooldp.ui.pages.consent.fast_entry import FastEntry
from schooldp.ui.pages.consent.page import ConsentPage

__all__ = ["ConsentPage", "FastEntry", "cell_text"]
