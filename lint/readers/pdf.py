"""PDF reader (placeholder until the PyMuPDF reader lands)."""

from . import ReadError


def read_pdf(data: bytes, path: str):
    raise ReadError("PDF input is not supported yet")
