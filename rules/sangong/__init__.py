"""三公经费 rules (BL5xx)."""
