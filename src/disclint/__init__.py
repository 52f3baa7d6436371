"""disclint: a consistency linter for Chinese budget and final-accounts disclosures."""

__version__ = "0.1.0"
