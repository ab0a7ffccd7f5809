"""Print or save a PDF made in memory: never through a temp file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from schooldp.services.files import save_bytes


def load_pdf(data: bytes, parent: QWidget | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading from memory; keep the buffer alive as long as the document."""
    doc = QPdfDocument(parent)
    buf = QBuffer(parent)
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    return doc, buf


def print_pdf(data: bytes, parent: QWidget | None = None, title: str = "SchoolDP") -> bool:
    """Show the system print dialog and print every page. Returns True if it was printed."""
    return print_pdfs([data], parent, title)


def print_pdfs(documents: list[bytes], parent: QWidget | None = None, title: str = "SchoolDP") -> bool:
    """One print job for several PDFs (a batch of letters). Returns True if it was printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    painter = QPainter(printer)
    try:
        first = True
        for data in documents:
            doc, _buf = load_pdf(data, parent)
            for i in range(doc.pageCount()):
                if not first:
                    printer.newPage()
                first = False
                rect = painter.viewport()
                size = doc.pagePointSize(i).toSize().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(rect.topLeft(), doc.render(i, QSize(size.width(), size.height())))
    finally:
        painter.end()
    return True


def ask_save_path(parent: QWidget | None, caption: str, suggested: str, filters: str) -> Path | None:
    """The system's Save dialog; None if the user cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    return Path(path) if path else None


def save_pdf(data: bytes, parent: QWidget | None, suggested_name: str) -> Path | None:
    """Ask where to save and write there atomically; None if the user cancelled."""
    target = ask_save_path(parent, "Save as PDF", str(Path.home() / suggested_name), "PDF (*.pdf)")
    if target is None:
        return None
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    save_bytes(target, data)
    return target
