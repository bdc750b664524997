"""Reporters render a Report as text, JSON, SARIF or a CI system's own format; plugins may add formats."""

from __future__ import annotations

import inspect
from typing import Callable, Iterator

from ..engine import Report
from .ci import render_github, render_gitlab, render_junit
from .csv import render_csv
from .html import render_html
from .json import json_pieces, render_json, render_json_lines
from .sarif import render_sarif, sarif_pieces
from .text import render_grouped, render_text

BUILTIN: dict[str, Callable[[Report, str], str]] = {
    "text": render_text,
    "grouped": render_grouped,
    "json": render_json,
    "json-lines": render_json_lines,
    "sarif": render_sarif,
    "html": render_html,
    "csv": render_csv,
    "github": render_github,
    "gitlab": render_gitlab,
    "junit": render_junit,
}


# Reporters whose text can be written piece by piece as it is made (the CLI writes a large report without
# holding all of it): the reporter -> a function of the same arguments yielding the pieces of its text.
PIECES: dict[Callable[..., str], Callable[..., Iterator[str]]] = {render_json: json_pieces, render_sarif: sarif_pieces}


def render(reporter: Callable[..., str], report: Report, lang: str, color: bool = False) -> str:
    """Call a reporter; the ones that take ``color`` (the terminal formats) get it."""
    if "color" in inspect.signature(reporter).parameters:
        return reporter(report, lang, color=color)
    return reporter(report, lang)
