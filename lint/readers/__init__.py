"""Readers turn a file's bytes into a Document; the format is chosen by content, then by suffix."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..model import Document


class ReadError(Exception):
    """An input that cannot be read; the message is one line meant for the user.

    ``detail`` is the library's own wording (MuPDF's error), shown under ``--verbose`` only.
    """

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


# Formats people try first, which no built-in reader takes: say what to do instead of "binary file".
_OFFICE = {
    ".xls": "a spreadsheet (.xls)",
    ".ods": "a spreadsheet (.ods)",
    ".et": "a WPS spreadsheet (.et)",
    ".odt": "a text document (.odt)",
    ".wps": "a WPS document (.wps)",
}
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_bytes(path: str) -> bytes:
    p = Path(path)
    if not p.exists():
        if p.is_symlink():  # a link whose target is missing, or that leads back to itself
            try:
                os.stat(p)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    raise ReadError("symbolic link loop") from None
            raise ReadError("symbolic link to a missing file")
        raise ReadError("no such file")
    if p.is_dir():
        raise ReadError("is a directory")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None


def unsupported_format(path: str, data: bytes) -> str | None:
    """A one-line hint for an office file (by suffix or by its ZIP/OLE container), or None."""
    suffix = Path(path).suffix.lower()
    what = _OFFICE.get(suffix)
    if what is None and data.startswith(_ZIP) and not is_word(data):
        what = "a ZIP container (an .xlsx or .docx file?)"
    elif what is None and data.startswith(_OLE):
        what = "an old Office file (.xls or .doc?)"
    if what is None:
        return None
    return (
        f"{what}, which budgetlint does not read: export it to PDF (or save it as text) and check that, "
        f"or install a reader plugin for {suffix or 'it'}"
    )


WORD_SUFFIXES = (".docx", ".docm", ".doc")


def is_word(data: bytes) -> bool:
    """A ZIP container holding a Word document's main part (whatever the file is called)."""
    return data.startswith(_ZIP) and (b"word/document.xml" in data[:65536] or b"word/document.xml" in data[-65536:])


def read_path(path: str, data: bytes | None = None) -> Document:
    """Read a file (or given bytes under that name) with the reader its content calls for."""
    if data is None:
        data = read_bytes(path)
    if not data.strip():
        raise ReadError("empty file")
    if path.lower().endswith(WORD_SUFFIXES) or is_word(data):
        from .docx import read_docx

        return read_docx(data, path)
    if hint := unsupported_format(path, data):
        raise ReadError(hint)
    if data.startswith(b"%PDF") or path.lower().endswith(".pdf"):
        from .pdf import read_pdf

        return read_pdf(data, path)
    from .text import read_text

    return read_text(data, path)
