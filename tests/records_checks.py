"""Shared checks for the record of processing tests: PDF text and an HTML accessibility check."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """The notice's text as a reader sees it, with line breaks folded into spaces."""
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


class _A11y(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.levels: list[int] = []
        self.problems: list[str] = []
        self._link: list[str] | None = None
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if tag == "a":
            self._link, self._href = [], a.get("href")
        if tag == "img" and not a.get("alt"):
            self.problems.append("image without alt text")
        if tag == "script":
            self.problems.append("script")

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            if not "".join(self._link).strip() or not (self._href or "").strip():
                self.problems.append("empty link")
            self._link = None


def accessibility_problems(html: str) -> list[str]:
    """lang="en-GB", exactly one h1 first, no heading level skipped, no empty links."""
    checker = _A11y()
    checker.feed(html)
    problems = list(checker.problems)
    if checker.lang != "en-GB":
        problems.append(f"lang is {checker.lang!r}")
    levels = checker.levels
    if not levels or levels[0] != 1 or levels.count(1) != 1:
        problems.append("one h1, first")
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            problems.append(f"heading h{before} followed by h{after}")
    return problems
