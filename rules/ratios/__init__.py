"""Ratio rules (BL4xx): stated percentages against their operands."""
