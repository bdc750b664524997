"""Disclosure rules (BL8xx): personal data and internal addresses."""
