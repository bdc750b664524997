"""Reporters render a Report as text, JSON or SARIF; plugins may add formats."""

from __future__ import annotations

from typing import Callable

from ..engine import Report
from .csv import render_csv
from .html import render_html
from .json import render_json
from .sarif import render_sarif
from .text import render_text

BUILTIN: dict[str, Callable[[Report, str], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "html": render_html,
    "csv": render_csv,
}
