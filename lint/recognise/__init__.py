"""Recognisers: what a table or a sentence means (standard tables, forms, prose facts)."""

from .recognition import Recognition, recognise
from .semantic import SemanticTable, Side, norm_label
from .standard_tables import KINDS, Kind, identify

__all__ = ["KINDS", "Kind", "Recognition", "SemanticTable", "Side", "identify", "norm_label", "recognise"]
