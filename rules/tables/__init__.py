"""Table arithmetic rules (BL1xx): identities that must hold inside one table."""
