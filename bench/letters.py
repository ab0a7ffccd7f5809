"""Letters benchmark: 1,000 personalised one-to-two-page letters in one PDF.

Reports the engine's time as a ratio against a bare ReportLab canvas that writes the same
text (same embedded font, same compression) in the same run, so the figure means the same
on a fast desktop and a slow school laptop. Goal: at most 3x. Also reports peak memory.

    python -m bench.letters [--letters 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import io
import resource as rusage
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from schooldp.documents import generic_letter, page_count
from schooldp.documents.fonts import SANS, SANS_BOLD, register_fonts
from schooldp.documents.letterhead import LetterData
from schooldp.domain.school import ContactPerson, SchoolProfile

FIRST = ("Łukasz", "Zoë", "Şahin", "Nguyễn", "Siobhán", "Amelia", "Oliver", "Aisha", "Mateusz")
LAST = ("Nowak", "Ó Súilleabháin", "Yılmaz", "Thị Hoa", "Brown", "Kowalska", "Patel", "O'Neill")
STREETS = ("Mill Lane", "Church Street", "Station Road", "High Street", "Orchard Close")
PARAGRAPH = (
    "We are writing to tell you about an incident involving personal information that the "
    "school holds about {child}. On 18 November 2026 a member of staff sent an email "
    "containing a class list with dates of birth to the wrong parent. The email was recalled "
    "within ten minutes and the recipient has confirmed in writing that they deleted it."
)

SCHOOL = SchoolProfile(
    name="Ashdown Primary School",
    address_lines=("14 Mill Lane", "Ashdown", "East Sussex"),
    postcode="TN22 5AB",
    phone="01825 712345",
    email="office@ashdown.example.sch.uk",
    urn="114532",
    ico_registration="Z1234567",
    dpo=ContactPerson("Mrs Zoë Şahin", "dpo@ashdown.example.sch.uk", "", "Data Protection Officer"),
    headteacher=ContactPerson("Mr Łukasz Nowak", role="Headteacher"),
)


def make_letters(n: int) -> list[LetterData]:
    """Half the letters fit one page, half run to a second."""
    letters = []
    for i in range(n):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
        paragraphs = 3 if i % 2 == 0 else 9
        body = "\n\n".join(PARAGRAPH.format(child=name) for _ in range(paragraphs))
        letters.append(
            LetterData(
                school=SCHOOL,
                recipient_name=f"Parent or carer of {name}",
                recipient_address=(f"{i + 1} {STREETS[i % len(STREETS)]}", "Uckfield", "TN22 1AA"),
                letter_date=date(2026, 11, 22),
                reference=f"BR-2026-{i:04d}",
                private=True,
                fields={"subject": "An incident involving your child's information", "body": body},
            )
        )
    return letters


def engine(letters: list[LetterData]) -> bytes:
    return generic_letter.LETTER.render_batch(letters)


def bare_canvas(letters: list[LetterData]) -> bytes:
    """The floor: the same words with drawString and a greedy line wrap, nothing else."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, invariant=1)
    width = A4[0] - 45 * mm
    for data in letters:
        y = A4[1] - 20 * mm
        lines = [(SANS_BOLD, data.school.name), (SANS, data.recipient_name)]
        lines += [(SANS, line) for line in data.recipient_address]
        lines += [(SANS, data.reference), (SANS, "22 November 2026"), (SANS, "Dear ...,")]
        for font, text in lines:
            canvas.setFont(font, 11)
            canvas.drawString(25 * mm, y, text)
            y -= 15
        y = A4[1] - 95 * mm  # the body starts where the letterhead's does
        lines = [(SANS_BOLD, str(data.fields["subject"]))]
        for para in str(data.fields["body"]).split("\n\n"):
            lines += [(SANS, part) for part in simpleSplit(para, SANS, 11, width)]
        lines += [(SANS, "Yours sincerely,"), (SANS_BOLD, data.signer.name)]
        for font, text in lines:
            if y < 25 * mm:
                canvas.showPage()
                y = A4[1] - 25 * mm
            canvas.setFont(font, 11)
            canvas.drawString(25 * mm, y, text)
            y -= 15
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def best_of(
    fn: Callable[[list[LetterData]], bytes], letters: list[LetterData], repeat: int
) -> tuple[float, bytes]:
    best, out = float("inf"), b""
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        out = fn(letters)
        best = min(best, time.perf_counter() - start)
    return best, out


def peak_python_memory(fn: Callable[[list[LetterData]], bytes], letters: list[LetterData]) -> int:
    gc.collect()
    tracemalloc.start()
    fn(letters)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N timed runs")
    args = parser.parse_args(argv)

    letters = make_letters(args.letters)
    engine([letters[0]])  # warm up: font registration and parsing happen once per process
    bare_canvas([letters[0]])
    t_engine, pdf = best_of(engine, letters, args.repeat)
    t_bare, bare_pdf = best_of(bare_canvas, letters, args.repeat)
    mem_engine = peak_python_memory(engine, letters)
    mem_bare = peak_python_memory(bare_canvas, letters)
    max_rss = rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    rows = [
        ("letters", f"{args.letters:,}", ""),
        ("pages", f"{page_count(pdf):,}", f"{page_count(bare_pdf):,}"),
        ("PDF size", f"{len(pdf) / 1e6:.1f} MB", f"{len(bare_pdf) / 1e6:.1f} MB"),
        (f"time (best of {args.repeat})", f"{t_engine:.2f} s", f"{t_bare:.2f} s"),
        ("per letter", f"{t_engine / args.letters * 1000:.1f} ms", f"{t_bare / args.letters * 1000:.1f} ms"),
        ("peak Python memory", f"{mem_engine / 2**20:.0f} MiB", f"{mem_bare / 2**20:.0f} MiB"),
    ]
    print(f"{'':22}{'SchoolDP letters':>18}{'bare canvas':>14}")
    for label, a, b in rows:
        print(f"{label:22}{a:>18}{b:>14}")
    ratio = t_engine / t_bare
    verdict = "ok" if ratio <= 3 else "over the 3x goal"
    print(f"\nratio engine / bare canvas: {ratio:.2f}x ({verdict})")
    print(f"process peak RSS: {max_rss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
