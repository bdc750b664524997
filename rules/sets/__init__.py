"""BL0xx: document sets — a document against last year's budget, its units, its budget."""
