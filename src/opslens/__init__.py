"""OpsLens: who did what to whom, when, where — and according to whom."""

__version__ = "0.1.0"
