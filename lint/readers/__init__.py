"""Readers turn a file's bytes into a Document; the format is chosen by content, then by suffix."""

from __future__ import annotations

from pathlib import Path

from ..model import Document


class ReadError(Exception):
    """An input that cannot be read; the message is one line meant for the user."""


def read_path(path: str, data: bytes | None = None) -> Document:
    """Read a file (or given bytes under that name) with the reader its content calls for."""
    if data is None:
        p = Path(path)
        if not p.exists():
            raise ReadError("no such file")
        if p.is_dir():
            raise ReadError("is a directory")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise ReadError("empty file")
    if data.startswith(b"%PDF") or path.lower().endswith(".pdf"):
        from .pdf import read_pdf

        return read_pdf(data, path)
    from .text import read_text

    return read_text(data, path)
