"""Structure rules (BL9xx): missing or mislabelled tables, unreadable pages."""
