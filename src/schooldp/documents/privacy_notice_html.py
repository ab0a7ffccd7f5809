"""The same privacy notice as an accessible web page for the school website.

WCAG basics checked by a test: `lang="en-GB"`, one h1 and headings in order (h1 > h2 > h3), real
lists, link text that says where it goes (never empty), no layout tables, no scripts.
"""

from __future__ import annotations

from html import escape

from schooldp.documents.privacy_notice import NoticeBlock, NoticeDocument
from schooldp.documents.templates import uk_date

__all__ = ["render_html"]

_CSS = (
    "body{font-family:system-ui,Segoe UI,Arial,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.55;color:#1a1a1a}h1,h2,h3{color:#1f3a5f;line-height:1.25}"
    "h2{margin-top:2rem;border-bottom:1px solid #c9d2dd}dt{font-weight:bold;margin-top:.6rem}"
    "dd{margin-left:1rem}a{color:#1a4f8b}a:focus{outline:3px solid #c98a00}footer{color:#555;margin-top:2rem}"
)


def _linked(text: str, links: tuple[tuple[str, str], ...]) -> str:
    """Escape, then turn each known URL into a link whose text says where it goes."""
    out = escape(text)
    for label, url in links:
        safe = escape(url)
        if safe in out:
            out = out.replace(safe, f'<a href="{safe}">{escape(label)} ({safe})</a>', 1)
    return out


def _block(b: NoticeBlock, links: tuple[tuple[str, str], ...]) -> list[str]:
    if b.kind == "h3":
        return [f"<h3>{escape(b.text)}</h3>"]
    if b.kind == "ul":
        return ["<ul>", *(f"<li>{_linked(i, links)}</li>" for i in b.items), "</ul>"] if b.items else []
    if b.kind == "dl":
        rows = [f"<dt>{escape(t)}</dt><dd>{_linked(d, links)}</dd>" for t, d in b.pairs]
        return ["<dl>", *rows, "</dl>"] if rows else []
    return [f"<p>{_linked(b.text, links)}</p>"]


def render_html(notice: NoticeDocument) -> str:
    school = notice.school
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(notice.title)} | {escape(school.name)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<p>{escape(school.name)}</p>",
        "</header>",
        "<main>",
        f"<h1>{escape(notice.title)}</h1>",
        f"<p>{_linked(notice.intro, notice.links)}</p>",
    ]
    for section in notice.sections:
        parts.append("<section>")
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        for b in section.blocks:
            parts += _block(b, notice.links)
        parts.append("</section>")
    parts += [
        "</main>",
        f"<footer><p>Issued {escape(uk_date(notice.issued_on))}.</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
