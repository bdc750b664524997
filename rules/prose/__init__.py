"""Prose-versus-table rules (BL3xx): the narrative restating the tables."""
