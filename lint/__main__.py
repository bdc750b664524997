"""``python -m budgetlint``."""

from .cli import main

raise SystemExit(main())
