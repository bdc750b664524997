"""Cross-table rules (BL2xx): the same figure printed in two tables."""
