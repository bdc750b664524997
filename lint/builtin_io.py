"""The built-in readers and output formats, registered through the same hooks a plugin uses."""

from __future__ import annotations

from .hookspecs import hookimpl
from .model import Document


def read_builtin(data: bytes, path: str) -> Document:
    """PDF or text, chosen by content first (a PDF saved as ``.txt`` is still a PDF)."""
    from .readers import read_path

    return read_path(path, data)


@hookimpl
def budgetlint_readers():
    return {".pdf": read_builtin, ".txt": read_builtin, ".text": read_builtin, ".md": read_builtin}


@hookimpl
def budgetlint_reporters():
    from .reporters import BUILTIN

    return dict(BUILTIN)
