"""The built-in readers and output formats, registered through the same hooks a plugin uses."""

from __future__ import annotations

from .hookspecs import hookimpl
from .model import Document


def read_builtin(data: bytes, path: str) -> Document:
    """PDF, Word or text, chosen by content first (a PDF saved as ``.txt`` is still a PDF)."""
    from .readers import read_path

    return read_path(path, data)


def read_workbook(data: bytes, path: str) -> Document:
    """A workbook draft (.xlsx, .xlsm), sheet by sheet; a PDF saved under that name is still read as one."""
    if data.startswith(b"%PDF"):
        from .readers.pdf import read_pdf

        return read_pdf(data, path)
    from .readers.xlsx import read_xlsx

    return read_xlsx(data, path)


@hookimpl
def budgetlint_readers():
    return {
        ".pdf": read_builtin,
        ".txt": read_builtin,
        ".text": read_builtin,
        ".md": read_builtin,
        ".xlsx": read_workbook,
        ".xlsm": read_workbook,
        ".docx": read_builtin,  # by content: a Word document, or a PDF or text saved under that name
        ".docm": read_builtin,
    }


@hookimpl
def budgetlint_reporters():
    from .reporters import BUILTIN

    return dict(BUILTIN)
