"""Text-quality rules (BL7xx): copy-paste, template residue, years and numbering."""
