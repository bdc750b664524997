"""budgetlint: a consistency-audit linter for published Chinese government budget documents."""

__version__ = "0.1.0"
