"""Recognisers: what a table or a sentence means (standard tables, forms, prose facts)."""
